package gomd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Result;
import gomd.core.api.ResultItem;
import gomd.core.api.Text;

class GomdClientTest {

    private static final String LOAD = "(LOAD:0.52)(LOAD5:0.40)(LOAD15:0.33)\r\n(OK)\r\n";
    private static final ClientOptions FAST = ClientOptions.defaults()
            .withConnectTimeout(Duration.ofSeconds(2)).withTimeout(Duration.ofSeconds(2));

    @Test
    void readsRecordsTextAndTheOkTerminator() throws Exception {
        try (FakeServer server = FakeServer.console(req -> "(LOAD:0.52)(LOAD5:0.40)(LOAD15:0.33)\r\n"
                + "\\(not a record\r\nplain text\n(OK)\r\n");
             GomdClient client = GomdClient.connect(server.address(), FAST)) {
            Result r = client.run("get load");

            assertThat(r.isOk()).isTrue();
            assertThat(r.records()).containsExactly(Record.builder()
                    .put("LOAD", "0.52").put("LOAD5", "0.40").put("LOAD15", "0.33").build());
            assertThat(r.lines()).containsExactly("(not a record", "plain text");
            assertThat(server.nextRequest()).isEqualTo("get load");
        }
    }

    @Test
    void anErrorTerminatorIsTheResultsErrorAndKeepsTheConnection() throws Exception {
        try (FakeServer server = FakeServer.console(req -> req.equals("get load") ? LOAD
                : "(ERROR:UNKNOWN_COMMAND)(MESSAGE:unknown command\\: frob)\r\n");
             GomdClient client = GomdClient.connect(server.address(), FAST)) {
            Result bad = client.run("frob");
            Result good = client.run("get load");

            assertThat(bad.isOk()).isFalse();
            assertThat(bad.error().get().code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
            assertThat(bad.error().get().getMessage()).isEqualTo("unknown command: frob");
            assertThat(good.isOk()).isTrue();
            assertThat(server.accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void anErrorCodeFromANewerServerBecomesFailedWithTheCodeKept() throws Exception {
        try (FakeServer server = FakeServer.console(req -> "(ERROR:MOON_PHASE)(MESSAGE:try later)\r\n");
             GomdClient client = GomdClient.connect(server.address(), FAST)) {
            CommandException e = client.run("get tide").error().get();

            assertThat(e.code()).isEqualTo(ErrorCode.FAILED);
            assertThat(e.getMessage()).isEqualTo("MOON_PHASE: try later");
        }
    }

    @Test
    void anAnswerSplitIntoSingleBytesIsReadWhole() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            while (peer.readRequest() != null) {
                peer.trickle("(IFACE:lo)(ADDRESS:127.0.0.1)(NOTE:a\\:b\\(c\\)\\\\d)\r\n(OK)\r\n");
            }
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            Result r = client.run("get netload lo");

            assertThat(r.isOk()).isTrue();
            assertThat(r.records().get(0).fields()).containsExactly(
                    entry("IFACE", "lo"), entry("ADDRESS", "127.0.0.1"), entry("NOTE", "a:b(c)\\d"));
        }
    }

    @Test
    void aSlowAnswerWithinTheTimeoutIsWaitedFor() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.send("(LOAD:1)\r\n");
            Thread.sleep(300);
            peer.send("(OK)\r\n");
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            assertThat(client.run("get load").isOk()).isTrue();
        }
    }

    @Test
    void anAnswerWithoutTerminatorBeforeCloseIsUnavailableWithItsItemsKept() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.send("(PID:1)(NAME:init)\r\n(PID:2)(NAME:kthr");
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            Result r = client.run("ps");

            assertThat(r.error().get().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(r.error().get().getMessage()).contains(server.address().toString(), "closed before the end");
            assertThat(r.records()).containsExactly(Record.builder().put("PID", "1").put("NAME", "init").build());
        }
    }

    @Test
    void anOkWithoutItsLineEndIsNotAWholeAnswer() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.send("(LOAD:1)\r\n(OK)");
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            assertThat(client.run("get load").error().get().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
    }

    @Test
    void aPeerThatStopsMidAnswerTimesOutAndItsConnectionIsClosed() throws Exception {
        BlockingQueue<Boolean> clientHungUp = new LinkedBlockingQueue<>();
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.send("(LOAD:1)\r\n");
            clientHungUp.add(peer.awaitClose(Duration.ofSeconds(10)));
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            Result r = client.run("get load", Duration.ofMillis(300));

            assertThat(r.error().get().code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(r.error().get().getMessage()).contains("within 300 ms");
            assertThat(clientHungUp.poll(20, TimeUnit.SECONDS)).isTrue();
            assertThat(client.openConnections()).isZero();
        }
    }

    @Test
    void aPeerThatAcceptsButNeverGreetsFailsTheConnectWithTimeout() throws Exception {
        try (FakeServer server = new FakeServer(FakeServer.Peer::stall)) {
            ClientOptions o = FAST.withConnectTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> GomdClient.connect(server.address(), o))
                    .isInstanceOf(CommandException.class)
                    .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(ErrorCode.TIMEOUT));
        }
    }

    @Test
    void aClosedPortIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> GomdClient.connect("127.0.0.1", port))
                .isInstanceOf(CommandException.class)
                .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void aRefusalInTheGreetingIsThrownWithItsCode() throws Exception {
        try (FakeServer server = new FakeServer(peer -> peer.send("(ERROR:DENIED)(MESSAGE:access denied)\r\n"))) {
            assertThatThrownBy(() -> GomdClient.connect(server.address(), FAST))
                    .isInstanceOf(CommandException.class)
                    .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(ErrorCode.DENIED))
                    .hasMessageContaining("access denied");
        }
    }

    @Test
    void aServerThatRefusesPromptOffAfterItsPromptIsNotTakenForAConsole() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.send("Welcome\r\ngomd@old # ");
            peer.readLine();
            peer.send("(ERROR:UNKNOWN_COMMAND)(MESSAGE:unknown command\\: prompt)\r\n");
            peer.stall();
        })) {
            assertThatThrownBy(() -> GomdClient.connect(server.address(), FAST))
                    .satisfies(e -> assertThat(((CommandException) e).code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND));
        }
    }

    @Test
    void anAnswerOverTheLimitIsTooLargeAndTheConnectionIsDropped() throws Exception {
        String big = "(DATA:" + "x".repeat(10_000) + ")\r\n(OK)\r\n";
        try (FakeServer server = FakeServer.console(req -> req.equals("get load") ? LOAD : big);
             GomdClient client = GomdClient.connect(server.address(), FAST.withMaxAnswerBytes(4096))) {
            Result r = client.run("get proc meminfo");
            Result next = client.run("get load");

            assertThat(r.error().get().code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(next.isOk()).isTrue();
            assertThat(server.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void manyLinesAddUpToTheLimit() throws Exception {
        String lines = "(N:1234567890)\r\n".repeat(1000) + "(OK)\r\n";
        try (FakeServer server = FakeServer.console(req -> lines);
             GomdClient client = GomdClient.connect(server.address(), FAST.withMaxAnswerBytes(8000))) {
            Result r = client.run("get many");

            assertThat(r.error().get().code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(r.records()).hasSizeLessThan(8000 / 16 + 1);
        }
    }

    @Test
    void garbageIsAProtocolErrorNeverAValue() throws Exception {
        for (String garbage : List.of("(LOAD:0.5(\r\n", "(LOAD:0.5\r\n", "(LOAD 0.5)\r\n", "(LOAD:0.5)x\r\n",
                "(LOAD:a\\qb)\r\n", "(LOAD:\\x4)\r\n", "(A:1)(A:2)\r\n", "(:1)\r\n", "text\u0001with control\r\n",
                "(LOAD:1:2)\r\n")) {
            try (FakeServer server = FakeServer.console(req -> garbage + "(OK)\r\n");
                 GomdClient client = GomdClient.connect(server.address(), FAST)) {
                Result r = client.run("get load");

                assertThat(r.error()).as(garbage).isPresent();
                assertThat(r.error().get().code()).as(garbage).isEqualTo(ErrorCode.FAILED);
                assertThat(r.error().get().getMessage()).as(garbage).contains("protocol error");
                assertThat(r.records()).as(garbage).isEmpty();
            }
        }
    }

    @Test
    void bytesThatAreNotUtf8AreAProtocolError() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.send(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, '\r', '\n'});
            peer.send("(OK)\r\n");
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            Result r = client.run("get load");

            assertThat(r.error().get().code()).isEqualTo(ErrorCode.FAILED);
            assertThat(r.error().get().getMessage()).contains("UTF-8");
        }
    }

    @Test
    void keptConnectionsAreReusedAndBoundedPerNode() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (FakeServer server = FakeServer.console(req -> {
            if (req.equals("hold")) {
                inside.countDown();
                await(release);
            }
            return LOAD;
        }); GomdClient client = GomdClient.connect(server.address(), FAST.withMaxConnectionsPerNode(2)
                .withTimeout(Duration.ofSeconds(20)))) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.run("get load").isOk()).isTrue();
            }
            assertThat(server.accepted.get()).isEqualTo(1);

            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<CompletableFuture<Result>> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(CompletableFuture.supplyAsync(() -> client.run("hold"), callers));
            }
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (CompletableFuture<Result> f : held) {
                assertThat(f.get(20, TimeUnit.SECONDS).isOk()).isTrue();
            }
            assertThat(server.maxOpen.get()).isEqualTo(2);
            callers.shutdown();
        }
    }

    @Test
    void aRequestThatFindsEveryConnectionBusyFailsWithBusy() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (FakeServer server = FakeServer.console(req -> {
            inside.countDown();
            await(release);
            return LOAD;
        }); GomdClient client = GomdClient.connect(server.address(), FAST.withMaxConnectionsPerNode(1))) {
            CompletableFuture<Result> first = CompletableFuture.supplyAsync(() -> client.run("get load"));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            Result second = client.run("get load", Duration.ofMillis(200));
            release.countDown();

            assertThat(second.error().get().code()).isEqualTo(ErrorCode.BUSY);
            assertThat(first.get(10, TimeUnit.SECONDS).isOk()).isTrue();
        }
    }

    @Test
    void aKeptConnectionTheServerTimedOutIsReplacedNotUsed() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            if (peer.server.accepted.get() == 1) {
                // The console's idle timeout: a notice, then close, while the client holds the connection idle.
                peer.send("(ERROR:TIMEOUT)(MESSAGE:idle timeout)\r\n");
                peer.close();
                hungUp.countDown();
                return;
            }
            for (String req; (req = peer.readRequest()) != null; ) {
                peer.send(LOAD);
            }
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            assertThat(hungUp.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // loopback delivers at once; this only covers a busy machine

            Result r = client.run("get load");

            assertThat(r.isOk()).as(r.toString()).isTrue();
            assertThat(server.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void aKeptConnectionClosedSilentlyIsReplacedNotUsed() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            if (peer.server.accepted.get() == 1) {
                peer.close(); // a restarted node: FIN without a word
                hungUp.countDown();
                return;
            }
            for (String req; (req = peer.readRequest()) != null; ) {
                peer.send(LOAD);
            }
        }); GomdClient client = GomdClient.connect(server.address(), FAST)) {
            assertThat(hungUp.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // loopback delivers at once; this only covers a busy machine

            assertThat(client.run("get load").isOk()).isTrue();
            assertThat(server.accepted.get()).isEqualTo(2);
            assertThat(server.requests).containsExactly("get load");
        }
    }

    @Test
    void aConnectionIdleLongerThanTheIdleTimeoutIsClosed() throws Exception {
        try (FakeServer server = FakeServer.console(req -> LOAD);
             GomdClient client = GomdClient.connect(server.address(), FAST.withIdleTimeout(Duration.ofMillis(100)))) {
            assertThat(client.run("get load").isOk()).isTrue();

            FakeServer.Peer peer = server.closedByClient.poll(10, TimeUnit.SECONDS);

            assertThat(peer).isNotNull();
            assertThat(client.openConnections()).isZero();
            assertThat(client.run("get load").isOk()).isTrue();
        }
    }

    @Test
    void closeEndsARequestThatIsWaitingAtOnce() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.stall();
        })) {
            GomdClient client = GomdClient.connect(server.address(), FAST.withTimeout(Duration.ofMinutes(10)));
            CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() -> client.run("get load"));
            assertThat(server.nextRequest()).isEqualTo("get load");

            client.close();

            Result r = waiting.get(10, TimeUnit.SECONDS);
            assertThat(r.error().get().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(r.error().get().getMessage()).contains("client closed");
            assertThat(client.run("get load").error().get().getMessage()).contains("client closed");
        }
    }

    @Test
    void anInterruptedRequestEndsWithUnavailable() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.stall();
        }); GomdClient client = GomdClient.connect(server.address(), FAST.withTimeout(Duration.ofMinutes(10)))) {
            BlockingQueue<Result> done = new LinkedBlockingQueue<>();
            Thread caller = new Thread(() -> done.add(client.run("get load")));
            caller.start();
            assertThat(server.nextRequest()).isEqualTo("get load");

            caller.interrupt();

            Result r = done.poll(10, TimeUnit.SECONDS);
            assertThat(r.error().get().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(r.error().get().getMessage()).endsWith("interrupted");
            assertThat(client.openConnections()).isZero();
        }
    }

    @Test
    void aPeerThatNeverReadsCannotBlockAWrite() throws Exception {
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.stall(); // reads nothing more: the request fills the socket buffers
        }); GomdClient client = GomdClient.connect(server.address(), FAST.withMaxRequestBytes(Integer.MAX_VALUE))) {
            Result r = client.run("set x " + "y".repeat(64 << 20), Duration.ofMillis(500));

            assertThat(r.error().get().code()).isEqualTo(ErrorCode.TIMEOUT);
        }
    }

    @Test
    void linesTheConsoleWouldMisreadAreRefusedAndNotSent() throws Exception {
        try (FakeServer server = FakeServer.console(req -> LOAD);
             GomdClient client = GomdClient.connect(server.address(), FAST.withMaxRequestBytes(100))) {
            assertThat(client.run("get load\nquit").error().get().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(client.run("   ").error().get().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(client.run("quit").error().get().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(client.run("prompt on").error().get().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(client.run("get 'load").error().get().code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(client.run("get " + "x".repeat(100)).error().get().code()).isEqualTo(ErrorCode.TOO_LARGE);

            assertThat(client.run("get load").isOk()).isTrue();
            assertThat(server.requests).containsExactly("get load");
        }
    }

    @Test
    void wordsAreQuotedSoTheyArriveUnchanged() throws Exception {
        try (FakeServer server = FakeServer.console(req -> "(OK)\r\n");
             GomdClient client = GomdClient.connect(server.address(), FAST)) {
            client.run(List.of("exec", "ls", "/my dir", "it's"));

            assertThat(server.nextRequest()).isEqualTo("exec ls '/my dir' 'it'\\''s'");
        }
    }

    @Test
    void streamHandsOverEachLineBeforeTheAnswerEnds() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        try (FakeServer server = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.send("line one\r\n");
            // The rest comes only once the client has handed the first line to its caller.
            if (!firstSeen.await(10, TimeUnit.SECONDS)) {
                return;
            }
            peer.send("line two\r\n(EXIT:0)\r\n(OK)\r\n");
            peer.stall();
        }); GomdClient client = GomdClient.connect(server.address(), FAST.withTimeout(Duration.ofSeconds(20)))) {
            List<ResultItem> items = new ArrayList<>();
            Result outcome = client.stream("exec ls", Duration.ofSeconds(20), item -> {
                items.add(item);
                firstSeen.countDown();
            });

            assertThat(outcome.isOk()).isTrue();
            assertThat(outcome.items()).isEmpty();
            assertThat(items).containsExactly(new Text("line one"), new Text("line two"), Record.of("EXIT", "0"));
        }
    }

    @Test
    void aCallbackThatThrowsDropsTheConnection() throws Exception {
        try (FakeServer server = FakeServer.console(req -> "a\r\nb\r\n(OK)\r\n");
             GomdClient client = GomdClient.connect(server.address(), FAST)) {
            assertThatThrownBy(() -> client.stream("x", Duration.ofSeconds(2), item -> {
                throw new IllegalStateException("caller bug");
            })).hasMessage("caller bug");

            assertThat(client.openConnections()).isZero();
            assertThat(client.run("x").lines()).containsExactly("a", "b");
        }
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
