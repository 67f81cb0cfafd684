package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Record;
import gomd.core.api.Result;

class ClusterQueryTest {

    private final ExecutorService localExecutor = Executors.newSingleThreadExecutor();
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        localExecutor.shutdownNow();
    }

    private static NodeInfo node(int number, NodeInfo.State state) throws Exception {
        return new NodeInfo(number, "host" + number, InetAddress.getByName("127.0.0." + number), 25000 + number, state,
                Set.of(), Instant.EPOCH);
    }

    private static Result answer(String key, Object value) {
        Result r = new Result();
        r.record(Record.of(key, value));
        return r;
    }

    private ClusterQuery query(ClusterQuery.Remote remote) {
        return new ClusterQuery(n -> n.number() == 1, line -> {
            asked.add("local:" + line);
            return answer("LOAD", "0.5");
        }, localExecutor, (n, line, timeout) -> {
            asked.add(n.number() + ":" + line);
            return remote.ask(n, line, timeout);
        });
    }

    @Test
    void theLocalNodeAnswersInProcessAndTheOthersRemotely() throws Exception {
        NodeInfo local = node(1, NodeInfo.State.ALIVE);
        NodeInfo two = node(2, NodeInfo.State.ALIVE);

        Map<NodeInfo, Result> results = query((n, line, t) -> CompletableFuture.completedFuture(answer("LOAD", "2.0")))
                .ask(List.of(local, two), "get load", Duration.ofSeconds(2));

        assertThat(results.keySet()).containsExactly(local, two);
        assertThat(results.get(local).records()).containsExactly(Record.of("LOAD", "0.5"));
        assertThat(results.get(two).records()).containsExactly(Record.of("LOAD", "2.0"));
        assertThat(asked).containsExactlyInAnyOrder("local:get load", "2:get load");
    }

    @Test
    void aNodeThatIsNotAliveIsNotAskedAndIsUnavailable() throws Exception {
        NodeInfo failed = node(3, NodeInfo.State.FAILED);

        Result r = query((n, line, t) -> CompletableFuture.completedFuture(answer("LOAD", "9")))
                .ask(List.of(failed), "get load", Duration.ofSeconds(1)).get(failed);

        assertThat(r.isOk()).isFalse();
        assertThat(r.error().orElseThrow().code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(r.error().orElseThrow().getMessage()).startsWith("node #3 is FAILED since");
        assertThat(asked).isEmpty();
    }

    @Test
    void aNodeThatDoesNotAnswerInTimeTimesOutWithoutHoldingTheOthers() throws Exception {
        NodeInfo silent = node(2, NodeInfo.State.ALIVE);
        NodeInfo quick = node(3, NodeInfo.State.ALIVE);

        Map<NodeInfo, Result> results = query((n, line, t) -> n.number() == 2 ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(answer("LOAD", "3.0")))
                .ask(List.of(silent, quick), "get load", Duration.ofMillis(200));

        assertThat(results.get(silent).error().orElseThrow().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(results.get(silent).error().orElseThrow().getMessage())
                .isEqualTo("node #2 did not answer within 200 ms");
        assertThat(results.get(quick).records()).containsExactly(Record.of("LOAD", "3.0"));
    }

    @Test
    void aRemoteErrorIsPassedOn() throws Exception {
        NodeInfo two = node(2, NodeInfo.State.ALIVE);
        Result r = query((n, line, t) -> CompletableFuture.completedFuture(
                Result.failed(ErrorCode.DENIED, "access denied")))
                .ask(List.of(two), "get load", Duration.ofSeconds(1)).get(two);
        assertThat(r.error().orElseThrow().code()).isEqualTo(ErrorCode.DENIED);
    }
}
