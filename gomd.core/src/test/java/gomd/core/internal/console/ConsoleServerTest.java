package gomd.core.internal.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.AccessDecision;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Table;
import gomd.core.internal.registry.CommandRegistryImpl;
import gomd.core.internal.registry.Access;
import gomd.core.internal.registry.Registries;

/** The console as a client sees it: bytes on a real loopback socket. */
class ConsoleServerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Generous: a loaded machine (CI, parallel builds) must not fail a test that only guards against hangs. */
    private static final long WAIT_SECONDS = 30;

    private final CommandRegistryImpl registry = Registries.empty();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch commandEnded = new CountDownLatch(1);
    private final AtomicInteger floodWrites = new AtomicInteger();
    private ConsoleServer server;

    @BeforeEach
    void commands() {
        Registries.add(registry, 1, "echo", (request, reply) -> reply.text(String.join(" ", request.args())));
        Registries.add(registry, 2, "rec", (request, reply) -> reply.record(
                Record.builder().put("IFACE", "eth0:1").put("NOTE", "a (b)\\c").build()));
        Registries.add(registry, 3, "tab", (request, reply) -> {
            reply.text("(two rows)");
            reply.table(Table.builder("PID", "CMD").row(1, "init").row(42, "java -jar x:y").build());
        });
        Registries.add(registry, 4, "boom", (request, reply) -> {
            throw new IllegalStateException("secret stack detail");
        });
        Registries.add(registry, 5, "fail", (request, reply) -> {
            reply.text("partial");
            throw new CommandException(ErrorCode.NOT_FOUND, "no such thing: x");
        });
        Registries.add(registry, 6, "flood", (request, reply) -> {
            while (!reply.isClosed() && floodWrites.get() < 10_000_000) {
                reply.record(Record.of("N", floodWrites.incrementAndGet()));
            }
            commandEnded.countDown();
        });
        Registries.add(registry, 7, "stream", (request, reply) -> {
            reply.record(Record.of("PART", 1));
            await(release);
            reply.record(Record.of("PART", 2));
        });
        Registries.add(registry, 8, "block", (request, reply) -> await(release));
        Registries.add(registry, 9, "fake", (request, reply) -> reply.record(Record.of("ERROR", "not really")));
        Registries.add(registry, 10, "late", (request, reply) -> new Thread(() -> {
            await(release);
            reply.text("too late");
            commandEnded.countDown();
        }).start());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ConsoleSettings settings() {
        return new ConsoleSettings(LOOPBACK, 0, "testhost", 7, Duration.ofSeconds(60), 4096, 64, 8, 4 << 20);
    }

    private InetSocketAddress start(ConsoleSettings s) throws IOException {
        return start(s, caller -> Access.admit(null, caller));
    }

    private InetSocketAddress start(ConsoleSettings s, Function<InetAddress, AccessDecision> admission) throws IOException {
        server = new ConsoleServer(registry, admission);
        server.configure(s);
        return server.localAddress();
    }

    private InetSocketAddress start() throws IOException {
        return start(settings());
    }

    @Test
    void greetsWithTheSeedsBannerAndPrompt() throws Exception {
        InetSocketAddress address = start();
        try (WireClient c = new WireClient(address)) {
            assertThat(c.readLine()).matches("Welcome to gomd at testhost from 127\\.0\\.0\\.1:\\d+");
            assertThat(c.readLine()).isEqualTo("Here is node #7");
            assertThat(c.readLine()).isEqualTo("Timeout set to: 60 s");
            assertThat(c.readBytes("gomd@testhost # ".length())).isEqualTo("gomd@testhost # ");
            c.send("echo hi");
            assertThat(c.readLine()).isEqualTo("hi");
            assertThat(c.readLine()).isEqualTo("(OK)");
            assertThat(c.readBytes("gomd@testhost # ".length())).isEqualTo("gomd@testhost # ");
            c.send("prompt off");
            assertThat(c.readLine()).isEqualTo("(OK)");
            c.send("prompt on");
            assertThat(c.readLine()).isEqualTo("(OK)");
            assertThat(c.readBytes("gomd@testhost # ".length())).isEqualTo("gomd@testhost # ");
        }
    }

    @Test
    void afterTheHandshakeEachRequestGetsExactlyItsAnswerInOrder() throws Exception {
        try (WireClient c = WireClient.program(start())) {
            // pipelined: three requests in one write
            c.sendBytes("echo one\r\nrec\necho 'two  words'\n".getBytes(UTF_8));
            assertThat(c.readLine()).isEqualTo("one");
            assertThat(c.readLine()).isEqualTo("(OK)");
            assertThat(c.readLine()).isEqualTo("(IFACE:eth0\\:1)(NOTE:a \\(b\\)\\\\c)");
            assertThat(c.readLine()).isEqualTo("(OK)");
            assertThat(c.readLine()).isEqualTo("two  words");
            assertThat(c.readLine()).isEqualTo("(OK)");
        }
    }

    @Test
    void tablesAreOneRecordPerRowAndTextNeverLooksLikeARecord() throws Exception {
        try (WireClient c = WireClient.program(start())) {
            assertThat(c.request("tab")).isEqualTo(new WireClient.Answer(
                    List.of("\\(two rows)", "(PID:1)(CMD:init)", "(PID:42)(CMD:java -jar x\\:y)"), "(OK)"));
            WireClient.Answer fake = c.request("fake");
            assertThat(fake.end()).isEqualTo("(OK)");
            assertThat(fake.body()).hasSize(1);
            assertThat(WireReader.text(fake.body().get(0))).isEqualTo("(ERROR:not really)");
        }
    }

    @Test
    void errorsAreOneLineWithACodeAndNoStackTrace() throws Exception {
        try (WireClient c = WireClient.program(start())) {
            assertThat(c.request("nope")).isEqualTo(new WireClient.Answer(List.of(),
                    "(ERROR:UNKNOWN_COMMAND)(MESSAGE:unknown command nope)"));
            assertThat(c.request("boom")).isEqualTo(new WireClient.Answer(List.of(),
                    "(ERROR:INTERNAL)(MESSAGE:internal error)"));
            assertThat(c.request("fail")).isEqualTo(new WireClient.Answer(List.of("partial"),
                    "(ERROR:NOT_FOUND)(MESSAGE:no such thing\\: x)"));
            assertThat(c.request("echo 'unclosed")).isEqualTo(new WireClient.Answer(List.of(),
                    "(ERROR:BAD_REQUEST)(MESSAGE:unclosed ' quote)"));
            assertThat(c.request("")).isEqualTo(new WireClient.Answer(List.of(),
                    "(ERROR:BAD_REQUEST)(MESSAGE:empty request)"));
            assertThat(c.request(" \t ")).isEqualTo(new WireClient.Answer(List.of(),
                    "(ERROR:BAD_REQUEST)(MESSAGE:empty request)"));
            assertThat(c.request("prompt maybe")).isEqualTo(new WireClient.Answer(List.of(),
                    "(ERROR:BAD_REQUEST)(MESSAGE:usage\\: prompt on|off)"));
            assertThat(c.request("echo still here").body()).containsExactly("still here");
        }
    }

    @Test
    void binaryGarbageGetsAnErrorPerLineAndTheSessionGoesOn() throws Exception {
        try (WireClient c = WireClient.program(start())) {
            c.sendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, '\n'});
            assertThat(c.readLine()).isEqualTo("(ERROR:BAD_REQUEST)(MESSAGE:request is not valid UTF-8)");
            c.sendBytes(new byte[] {'e', 'c', 'h', 'o', ' ', 0x01, 0x1b, '[', '2', 'J', '\n'});
            assertThat(c.readLine()).isEqualTo("(ERROR:BAD_REQUEST)(MESSAGE:control character in request at column 6)");
            c.sendBytes(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, '\n'}); // the start of a TLS hello
            assertThat(c.readLine()).startsWith("(ERROR:BAD_REQUEST)");
            assertThat(c.request("echo ok").body()).containsExactly("ok");
        }
    }

    @Test
    void aTooLongLineIsRefusedAndTheSessionGoesOn() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress address = start(new ConsoleSettings(s.bind(), 0, s.hostName(), 7, s.idleTimeout(), 100,
                64, 8, s.maxAnswerBytes()));
        try (WireClient c = WireClient.program(address)) {
            assertThat(c.request("echo " + "x".repeat(95)).body()).containsExactly("x".repeat(95));
            assertThat(c.request("echo " + "x".repeat(96))).isEqualTo(new WireClient.Answer(List.of(),
                    "(ERROR:TOO_LARGE)(MESSAGE:request longer than 100 bytes)"));
            c.sendBytes(("echo " + "y".repeat(1_000_000) + "\n").getBytes(UTF_8));
            assertThat(c.readLine()).isEqualTo("(ERROR:TOO_LARGE)(MESSAGE:request longer than 100 bytes)");
            assertThat(c.request("echo ok").body()).containsExactly("ok");
        }
    }

    @Test
    void anHttpRequestIsRefusedAndTheConnectionClosed() throws Exception {
        try (WireClient c = new WireClient(start())) {
            c.sendBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(UTF_8));
            for (int i = 0; i < 3; i++) {
                c.readLine(); // banner
            }
            assertThat(c.readLine()).isEqualTo("gomd@testhost # (ERROR:BAD_REQUEST)(MESSAGE:not an HTTP server)");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void quitAndExitSayGoodbyeAndClose() throws Exception {
        InetSocketAddress address = start();
        for (String quit : new String[] {"quit", "exit"}) {
            try (WireClient c = WireClient.program(address)) {
                assertThat(c.request(quit)).isEqualTo(new WireClient.Answer(List.of("closing session"), "(OK)"));
                assertThat(c.isClosedByServer()).isTrue();
            }
        }
    }

    @Test
    void anIdleSessionIsToldAndClosed() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress address = start(new ConsoleSettings(s.bind(), 0, s.hostName(), 7, Duration.ofSeconds(1),
                4096, 64, 8, s.maxAnswerBytes()));
        try (WireClient c = WireClient.program(address)) {
            assertThat(c.readLine()).isEqualTo("(ERROR:TIMEOUT)(MESSAGE:idle timeout)");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aLineTrickledInSlowerThanTheIdleTimeIsNotWaitedFor() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress address = start(new ConsoleSettings(s.bind(), 0, s.hostName(), 7, Duration.ofSeconds(1),
                4096, 64, 8, s.maxAnswerBytes()));
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // A byte every 200 ms: every read is quick, but the line never completes. Without a
            // deadline per line this would go on for ever; it must end after the idle time.
            byte[] endless = "echo never ends ".getBytes(UTF_8);
            StringBuilder received = new StringBuilder();
            for (int i = 0; i < 50 && received.indexOf("(ERROR:TIMEOUT)") < 0; i++) {
                out.write(endless[i % endless.length]);
                out.flush();
                Thread.sleep(200);
                received.append(new String(in.readNBytes(in.available()), UTF_8));
            }
            assertThat(received.toString()).endsWith("(ERROR:TIMEOUT)(MESSAGE:idle timeout)\r\n");
        }
    }

    @Test
    void connectionsOverThePerAddressLimitGetBusyAndAreClosed() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress address = start(new ConsoleSettings(s.bind(), 0, s.hostName(), 7, s.idleTimeout(), 4096,
                10, 2, s.maxAnswerBytes()));
        InetAddress other = InetAddress.getByName("127.0.0.2");
        try (WireClient a = WireClient.program(address); WireClient b = WireClient.program(address);
             WireClient fromOther = new WireClient(address, other)) {
            try (WireClient third = new WireClient(address)) {
                assertThat(third.readLine()).isEqualTo("(ERROR:BUSY)(MESSAGE:too many connections)");
                assertThat(third.isClosedByServer()).isTrue();
            }
            fromOther.handshake(); // another address still gets in
            assertThat(fromOther.request("echo other").body()).containsExactly("other");

            a.request("quit");
            assertThat(a.isClosedByServer()).isTrue();
            a.close();
            // the slot is freed once the server has closed its side; then a new session is admitted
            assertThat(connectsWithinWait(address)).isTrue();
        }
    }

    @Test
    void connectionsOverTheTotalLimitGetBusy() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress address = start(new ConsoleSettings(s.bind(), 0, s.hostName(), 7, s.idleTimeout(), 4096,
                2, 8, s.maxAnswerBytes()));
        try (WireClient a = WireClient.program(address);
             WireClient b = new WireClient(address, InetAddress.getByName("127.0.0.2"));
             WireClient c = new WireClient(address, InetAddress.getByName("127.0.0.3"))) {
            b.handshake();
            assertThat(c.readLine()).isEqualTo("(ERROR:BUSY)(MESSAGE:too many connections)");
            assertThat(c.isClosedByServer()).isTrue();
            assertThat(a.request("echo a").body()).containsExactly("a");
        }
    }

    /** Tries new sessions until one is admitted (a freed slot is released just after the close). */
    private static boolean connectsWithinWait(InetSocketAddress address) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            try (WireClient c = new WireClient(address)) {
                if (c.readLine().startsWith("Welcome")) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aCallerThePolicyDoesNotAdmitGetsOneLineAndNoBanner() throws Exception {
        InetSocketAddress address = start(settings(), caller -> AccessDecision.deny("rule 3: nobody"));
        try (WireClient c = new WireClient(address)) {
            assertThat(c.readLine()).isEqualTo("(ERROR:DENIED)(MESSAGE:access denied)");
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void answersStreamAsTheCommandWritesThem() throws Exception {
        try (WireClient c = WireClient.program(start())) {
            c.send("stream");
            // the command is still waiting: this line can only be here if it was sent at once
            assertThat(c.readLine()).isEqualTo("(PART:1)");
            release.countDown();
            assertThat(c.readLine()).isEqualTo("(PART:2)");
            assertThat(c.readLine()).isEqualTo("(OK)");
        }
    }

    @Test
    void aCommandThreadWritingAfterTheAnswerCannotBreakTheFraming() throws Exception {
        try (WireClient c = WireClient.program(start())) {
            assertThat(c.request("late")).isEqualTo(new WireClient.Answer(List.of(), "(OK)"));
            release.countDown();
            assertThat(commandEnded.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(c.request("echo next")).isEqualTo(new WireClient.Answer(List.of("next"), "(OK)"));
        }
    }

    @Test
    void aBlockedSessionDoesNotBlockOthers() throws Exception {
        InetSocketAddress address = start();
        try (WireClient blocked = WireClient.program(address); WireClient other = WireClient.program(address)) {
            blocked.send("block");
            assertThat(other.request("echo free").body()).containsExactly("free");
            release.countDown();
            assertThat(blocked.readAnswer().end()).isEqualTo("(OK)");
        }
    }

    @Test
    void aLongAnswerIsCutAtTheLimitAndTheCommandToldToStop() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress address = start(new ConsoleSettings(s.bind(), 0, s.hostName(), 7, s.idleTimeout(), 4096,
                64, 8, 1024));
        try (WireClient c = WireClient.program(address)) {
            WireClient.Answer a = c.request("flood");
            assertThat(a.end()).isEqualTo("(ERROR:TOO_LARGE)(MESSAGE:answer cut at 1024 bytes)");
            int bytes = a.body().stream().mapToInt(l -> l.getBytes(UTF_8).length + 2).sum();
            assertThat(bytes).isLessThanOrEqualTo(1024).isGreaterThan(1000);
            assertThat(floodWrites.get()).isLessThan(1000);
            assertThat(c.request("echo next").body()).containsExactly("next");
        }
    }

    @Test
    void aCommandSeesTheReplyClosedWhenTheClientGoes() throws Exception {
        try (WireClient c = WireClient.program(start())) {
            c.send("flood");
            c.readLine();
        }
        assertThat(commandEnded.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClientThatStopsReadingIsClosedAfterTheIdleTime() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress address = start(new ConsoleSettings(s.bind(), 0, s.hostName(), 7, Duration.ofSeconds(1),
                4096, 64, 8, 1 << 30));
        try (WireClient c = WireClient.program(address)) {
            c.send("flood"); // and never read: the server's writes block once the socket buffers are full
            assertThat(commandEnded.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aNewAddressOrPortMovesTheListenerAndKeepsOpenSessions() throws Exception {
        ConsoleSettings s = settings();
        InetSocketAddress first = start(new ConsoleSettings(s.bind(), 20101, s.hostName(), 7, s.idleTimeout(), 4096,
                64, 8, s.maxAnswerBytes()));
        assertThat(first.getPort()).isEqualTo(20101);
        try (WireClient open = WireClient.program(first)) {
            server.configure(new ConsoleSettings(s.bind(), 20102, s.hostName(), 8, s.idleTimeout(), 4096, 64, 8,
                    s.maxAnswerBytes()));
            assertThat(server.localAddress().getPort()).isEqualTo(20102);
            assertThatThrownBy(() -> new Socket(LOOPBACK, 20101).close()).isInstanceOf(ConnectException.class);
            try (WireClient moved = new WireClient(server.localAddress())) {
                moved.readLine();
                assertThat(moved.readLine()).isEqualTo("Here is node #8");
            }
            assertThat(open.request("echo still").body()).containsExactly("still");
        }
    }

    @Test
    void aFailedRebindKeepsTheOldListener() throws Exception {
        InetSocketAddress address = start();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, LOOPBACK)) {
            ConsoleSettings s = settings();
            assertThatThrownBy(() -> server.configure(new ConsoleSettings(s.bind(), taken.getLocalPort(), s.hostName(),
                    7, s.idleTimeout(), 4096, 64, 8, s.maxAnswerBytes())))
                    .isInstanceOf(IOException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(server.localAddress()).isEqualTo(address);
            try (WireClient c = WireClient.program(address)) {
                assertThat(c.request("echo alive").body()).containsExactly("alive");
            }
        }
    }

    @Test
    void stopClosesEverySessionAndTheListener() throws Exception {
        InetSocketAddress address = start();
        try (WireClient c = WireClient.program(address)) {
            server.stop();
            assertThat(c.isClosedByServer()).isTrue();
            assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }
}
