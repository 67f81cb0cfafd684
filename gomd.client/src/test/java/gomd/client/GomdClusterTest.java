package gomd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Result;
import gomd.core.api.Text;

class GomdClusterTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void everyNodeGetsItsOwnResultOrErrorInTheOrderGiven() throws Exception {
        try (FakeServer up = FakeServer.console(req -> "(LOAD:0.5)\r\n(OK)\r\n");
             FakeServer hung = new FakeServer(peer -> {
                 peer.greet();
                 peer.stall();
             });
             GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 4)) {
            NodeAddress down = closedPort();
            List<NodeAddress> nodes = List.of(hung.address(), down, up.address());

            Map<NodeAddress, Result> all = cluster.runAll(nodes, "get load", Duration.ofMillis(500));

            assertThat(all.keySet()).containsExactlyElementsOf(nodes);
            assertThat(all.get(up.address()).records()).containsExactly(Record.of("LOAD", "0.5"));
            assertThat(all.get(down).error().get().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(all.get(hung.address()).error().get().code()).isEqualTo(ErrorCode.TIMEOUT);
        }
    }

    @Test
    void resultsArriveAsEachNodeAnswers() throws Exception {
        CountDownLatch fastDelivered = new CountDownLatch(1);
        try (FakeServer fast = FakeServer.console(req -> "(N:fast)\r\n(OK)\r\n");
             // answers only after the fast node's result has reached the caller
             FakeServer slow = FakeServer.console(req -> {
                 try {
                     fastDelivered.await(20, TimeUnit.SECONDS);
                 } catch (InterruptedException e) {
                     Thread.currentThread().interrupt();
                 }
                 return "(N:slow)\r\n(OK)\r\n";
             });
             GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 2)) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());

            Map<NodeAddress, Result> all = cluster.runAll(List.of(slow.address(), fast.address()), "get n", LONG,
                    (node, r) -> {
                        order.add(r.records().get(0).get("N"));
                        if (node.equals(fast.address())) {
                            fastDelivered.countDown();
                        }
                    });

            assertThat(order).containsExactly("fast", "slow");
            assertThat(all.values()).allMatch(Result::isOk);
        }
    }

    @Test
    void noMoreThanParallelismNodesAreAskedAtOnce() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch twoInside = new CountDownLatch(2);
        List<FakeServer> servers = new ArrayList<>();
        try (GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 2)) {
            for (int i = 0; i < 6; i++) {
                servers.add(FakeServer.console(req -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    twoInside.countDown();
                    try {
                        twoInside.await(5, TimeUnit.SECONDS); // the first two meet, so two at once is seen
                        Thread.sleep(50); // and overlap with the next, were there more workers
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inFlight.decrementAndGet();
                    return "(OK)\r\n";
                }));
            }
            List<NodeAddress> nodes = servers.stream().map(FakeServer::address).toList();

            Map<NodeAddress, Result> all = cluster.runAll(nodes, "get load", LONG);

            assertThat(all).hasSize(6);
            assertThat(all.values()).allMatch(Result::isOk);
            assertThat(maxInFlight.get()).isEqualTo(2);
        } finally {
            for (FakeServer s : servers) {
                s.close();
            }
        }
    }

    @Test
    void streamAllTagsEveryLineWithItsNodeAndEndsEachNodeWithDone() throws Exception {
        try (FakeServer a = FakeServer.console(req -> "a1\r\na2\r\n(EXIT:0)\r\n(OK)\r\n");
             FakeServer b = FakeServer.console(req -> "b1\r\n(ERROR:FAILED)(MESSAGE:exit 3)\r\n");
             GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 2)) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());

            Map<NodeAddress, Result> outcomes = cluster.streamAll(List.of(a.address(), b.address()), "exec ls", LONG,
                    new StreamListener() {
                        @Override
                        public void item(NodeAddress node, gomd.core.api.ResultItem item) {
                            seen.add((node.equals(a.address()) ? "a " : "b ") + item);
                        }

                        @Override
                        public void done(NodeAddress node, Result outcome) {
                            seen.add((node.equals(a.address()) ? "a " : "b ") + (outcome.isOk() ? "ok" : "failed"));
                        }
                    });

            assertThat(seen.stream().filter(s -> s.startsWith("a ")))
                    .containsExactly("a " + new Text("a1"), "a " + new Text("a2"), "a (EXIT:0)", "a ok");
            assertThat(seen.stream().filter(s -> s.startsWith("b ")))
                    .containsExactly("b " + new Text("b1"), "b failed");
            assertThat(outcomes.get(a.address()).isOk()).isTrue();
            assertThat(outcomes.get(b.address()).error().get().getMessage()).isEqualTo("exit 3");
        }
    }

    @Test
    void aListenerThatThrowsIsRethrownAfterEveryNodeFinished() throws Exception {
        try (FakeServer a = FakeServer.console(req -> "x\r\n(OK)\r\n");
             GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 2)) {
            assertThatThrownBy(() -> cluster.streamAll(List.of(a.address()), "x", LONG, (node, item) -> {
                throw new IllegalStateException("listener bug");
            })).isInstanceOf(IllegalStateException.class).hasMessage("listener bug");
        }
    }

    @Test
    void closeCompletesRunningAndWaitingRequestsWithUnavailable() throws Exception {
        try (FakeServer hung = new FakeServer(peer -> {
            peer.greet();
            peer.readRequest();
            peer.stall();
        })) {
            GomdCluster cluster = GomdCluster.create(ClientOptions.defaults().withTimeout(LONG), 1);
            CompletableFuture<Result> running = cluster.submit(hung.address(), "get load", LONG);
            CompletableFuture<Result> waiting = cluster.submit(hung.address(), "get mem", LONG);
            assertThat(hung.nextRequest()).isEqualTo("get load");

            cluster.close();

            assertThat(running.get(10, TimeUnit.SECONDS).error().get().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(waiting.get(10, TimeUnit.SECONDS).error().get().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(cluster.submit(hung.address(), "get load", LONG).get(10, TimeUnit.SECONDS)
                    .error().get().getMessage()).contains("closed");
        }
    }

    @Test
    void workOnOneNodeRunsItsRequestsOnTheNodesKeptClient() throws Exception {
        try (FakeServer a = FakeServer.console(req -> "(R:" + req.replace(' ', '_') + ")\r\n(OK)\r\n");
             GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 2)) {
            List<Result> both = cluster.submit(a.address(), c -> {
                c.close(); // the cluster's client: closing it must not break it
                return List.of(c.run("get load", LONG), c.run("get mem", LONG));
            }).get(20, TimeUnit.SECONDS);

            assertThat(both).extracting(r -> r.records().get(0).get("R")).containsExactly("get_load", "get_mem");
            assertThat(a.accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void workSubmittedAfterCloseFailsWithUnavailable() {
        GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 1);
        cluster.close();

        assertThatThrownBy(() -> cluster.submit(new NodeAddress("127.0.0.1", 9), c -> 1).join())
                .hasCauseInstanceOf(gomd.core.api.CommandException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void clientsOfNodesWithoutConnectionsAreNotKeptForever() {
        List<NodeAddress> many = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            many.add(new NodeAddress("127.0." + (1 + i / 200) + "." + (1 + i % 200), 23999)); // nobody listens
        }
        try (GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 8)) {
            Map<NodeAddress, Result> all = cluster.runAll(many, "get load", LONG);

            assertThat(all.values()).allMatch(r -> r.error().get().code() == ErrorCode.UNAVAILABLE);
            assertThat(cluster.keptClients()).isLessThan(1024);
        }
    }

    @Test
    void aNodeIsAskedOnceEvenIfListedTwice() throws Exception {
        try (FakeServer a = FakeServer.console(req -> "(OK)\r\n");
             GomdCluster cluster = GomdCluster.create(ClientOptions.defaults(), 2)) {
            Map<NodeAddress, Result> all = cluster.runAll(List.of(a.address(), a.address()), "get load", LONG);

            assertThat(all).hasSize(1);
            assertThat(a.requests).containsExactly("get load");
        }
    }

    private static NodeAddress closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new NodeAddress("127.0.0.1", s.getLocalPort());
        }
    }
}
