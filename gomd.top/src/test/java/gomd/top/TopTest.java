package gomd.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gomd.client.NodeAddress;
import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Result;

class TopTest {

    private static final NodeAddress A = NodeAddress.parse("127.0.0.1:23101");
    private static final NodeAddress B = NodeAddress.parse("127.0.0.1:23102");
    private static final NodeAddress C = NodeAddress.parse("127.0.0.1:23103");

    @Test
    void optionsDefaultToOneSecondAndTheTimeoutToTheInterval() {
        Main.Options o = Main.parse(new String[] {"127.0.0.1:23101", "node7"});

        assertThat(o.once()).isFalse();
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.nodes()).containsExactly(A, new NodeAddress("node7", 9889));

        Main.Options p = Main.parse(new String[] {"--once", "--interval", "0.5", "--timeout", "3", "[::1]:23101"});
        assertThat(p.once()).isTrue();
        assertThat(p.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(Main.parse(new String[] {"--once", "h:1"}).timeout()).isEqualTo(Main.ONCE_TIMEOUT);
        assertThat(Main.parse(new String[] {"-h"})).isNull();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        for (String[] args : List.of(new String[] {}, new String[] {"--once"}, new String[] {"-x", "h:1"},
                new String[] {"--interval", "0", "h:1"}, new String[] {"--timeout", "soon", "h:1"},
                new String[] {"h:1", "--interval"}, new String[] {"h:99999"})) {
            assertThatThrownBy(() -> Main.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void statsComeFromTheFourAnswersWithLoopbackTrafficLeftOut() {
        NodeStats s = NodeStats.of(A, ok(rec("LOAD", "1.5", "LOAD5", "0.75", "LOAD15", "0.25")),
                ok(rec("USER", "10", "BUSY", "42.5", "COUNT", "4"), rec("CPU", "0", "BUSY", "99")),
                ok(rec("MEM_TOTAL", "1000", "MEM_USED", "250")),
                ok(rec("IFACE", "lo", "IFACE_FLAGS", "up,loopback,running", "BYTES_IN_RATE", "1000000",
                        "BYTES_OUT_RATE", "1000000"),
                        rec("IFACE", "eth0", "IFACE_FLAGS", "up,broadcast", "BYTES_IN_RATE", "100",
                                "BYTES_OUT_RATE", "20"),
                        rec("IFACE", "eth1", "IFACE_FLAGS", "up", "BYTES_IN_RATE", "1", "BYTES_OUT_RATE", "2")));

        assertThat(s.isUp()).isTrue();
        assertThat(List.of(s.load1(), s.load5(), s.load15(), s.cpus(), s.cpuBusy(), s.memUsed(), s.memTotal(),
                s.netIn(), s.netOut())).containsExactly(1.5, 0.75, 0.25, 4.0, 42.5, 250.0, 1000.0, 101.0, 22.0);
    }

    @Test
    void aNodeIsDownWhenItDoesNotAnswerLoadAndColumnsItLacksStayEmpty() {
        NodeStats down = NodeStats.of(A, Result.failed(ErrorCode.UNAVAILABLE, A + ": cannot connect"), null, null, null);
        NodeStats partial = NodeStats.of(B, ok(rec("LOAD", "0.1", "LOAD5", "0.1", "LOAD15", "0.1")),
                Result.failed(ErrorCode.UNKNOWN_COMMAND, "x"), null, ok());

        assertThat(down.isUp()).isFalse();
        assertThat(down.down()).isEqualTo("UNAVAILABLE: cannot connect");
        assertThat(partial.isUp()).isTrue();
        assertThat(partial.cpuBusy()).isNaN();
        assertThat(partial.netIn()).isNaN();
    }

    @Test
    void theTableListsTheBusiestFirstAndDownNodesLast() {
        NodeStats idle = stats(A, 0.1);
        NodeStats busy = stats(B, 3.0);
        NodeStats down = NodeStats.down(C, "TIMEOUT: no answer");

        String table = Render.table(List.of(down, idle, busy));

        assertThat(table).isEqualTo(""
                + "NODE             STATE  LOAD1  LOAD5  LOAD15  CPUS  CPU%  MEM%  MEM_USED  MEM_TOTAL  NET_IN/s  NET_OUT/s\n"
                + "127.0.0.1:23102  up     3.00   2.00   1.00    4     50    25    1.0G      4.0G       1.5K      512B\n"
                + "127.0.0.1:23101  up     0.10   2.00   1.00    4     50    25    1.0G      4.0G       1.5K      512B\n"
                + "127.0.0.1:23103  down   -      -      -       -     -     -     -         -          -         -\n");
    }

    @Test
    void theScreenHasBarsAndALineSayingDown() {
        List<String> screen = Render.screen("header", List.of(stats(A, 2.0), NodeStats.down(B, "UNAVAILABLE: refused")),
                200, 40, false);

        assertThat(screen.get(0)).isEqualTo("header");
        assertThat(screen.get(2)).startsWith("127.0.0.1:23101   2.00  2.00   1.00  [|||||     ]  [|||||     ]  50%");
        assertThat(screen.get(3)).isEqualTo("127.0.0.1:23102  down: UNAVAILABLE: refused");
        assertThat(Render.screen("h", List.of(stats(A, 1), stats(B, 1), stats(C, 1)), 200, 3, false))
                .endsWith("... 3 more nodes (a taller terminal shows them)");
    }

    @Test
    void barsAndSizes() {
        assertThat(Render.bar(0.0, false)).isEqualTo("[          ]");
        assertThat(Render.bar(0.5, false)).isEqualTo("[|||||     ]");
        assertThat(Render.bar(7, false)).isEqualTo("[||||||||||]");
        assertThat(Render.bar(Double.NaN, false)).isEqualTo("[          ]");
        assertThat(Render.bar(0.9, true)).isEqualTo("[\u001b[31m|||||||||\u001b[0m ]");
        assertThat(Render.bytes(512)).isEqualTo("512B");
        assertThat(Render.bytes(1536)).isEqualTo("1.5K");
        assertThat(Render.bytes(16L << 30)).isEqualTo("16G");
        assertThat(Render.bytes(Double.NaN)).isEqualTo("-");
    }

    @Test
    void onceExitsOneAndSaysWhyWhenANodeIsDown() throws Exception {
        try (ServerSocket up = fakeConsole(Map.of("get load", "(LOAD:0.50)(LOAD5:0.40)(LOAD15:0.30)",
                "get cpu", "(BUSY:12.5)(COUNT:2)", "get mem", "(MEM_TOTAL:2048)(MEM_USED:1024)",
                "get netload", "(IFACE:eth0)(IFACE_FLAGS:up)(BYTES_IN_RATE:10)(BYTES_OUT_RATE:20)"))) {
            NodeAddress live = new NodeAddress("127.0.0.1", up.getLocalPort());
            NodeAddress dead = closedPort();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = Main.once(Main.parse(new String[] {"--once", dead.toString(), live.toString()}),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(Main.SOME_DOWN);
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[1].split(" +")).containsExactly(live.toString(), "up", "0.50", "0.40", "0.30", "2", "13",
                    "50", "1.0K", "2.0K", "10B", "20B");
            assertThat(lines[2].split(" +")[1]).isEqualTo("down");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(dead + " down: UNAVAILABLE");
        }
    }

    private static NodeStats stats(NodeAddress node, double load) {
        return new NodeStats(node, null, load, 2.0, 1.0, 4, 50, 1L << 30, 4L << 30, 1536, 512);
    }

    private static Record rec(String... kv) {
        Record.Builder b = Record.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    private static Result ok(Record... records) {
        Result r = new Result();
        for (Record x : records) {
            r.record(x);
        }
        return r;
    }

    private static NodeAddress closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new NodeAddress("127.0.0.1", s.getLocalPort());
        }
    }

    /** A console on an ephemeral port answering each known request with its one record line. */
    private static ServerSocket fakeConsole(Map<String, String> answers) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    out.write("Welcome\r\ngomd@fake # ".getBytes(StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null; ) {
                        String a = line.equals("prompt off") ? "" : answers.getOrDefault(line, null);
                        String reply = a == null ? "(ERROR:UNKNOWN_COMMAND)(MESSAGE:no)\r\n"
                                : a.isEmpty() ? "(OK)\r\n" : a + "\r\n(OK)\r\n";
                        out.write(reply.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // next connection
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }
}
