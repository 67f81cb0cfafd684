package gomd.rgs.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Result;

/**
 * {@link gomd.core.api.Cluster#ask}: one request line to many nodes in parallel, every node
 * bounded by the same timeout. The local node answers in-process, live remote nodes through
 * the client library, and a node that is not alive is not asked at all.
 */
final class ClusterQuery {

    /** Asks a remote node; the future completes with its answer or error. */
    interface Remote {
        CompletableFuture<Result> ask(NodeInfo node, String line, Duration timeout);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClusterQuery.class);

    /** Past the nodes' own timeout, how long to wait for the client library to report it. */
    static final Duration GRACE = Duration.ofMillis(500);

    private final Predicate<NodeInfo> isLocal;
    private final Function<String, Result> local;
    private final Executor localExecutor;
    private final Remote remote;

    /**
     * @param isLocal       tells this daemon's own entry
     * @param local         answers a line in-process
     * @param localExecutor where {@code local} runs, so that a slow command is bounded too
     * @param remote        asks another daemon
     */
    ClusterQuery(Predicate<NodeInfo> isLocal, Function<String, Result> local, Executor localExecutor, Remote remote) {
        this.isLocal = isLocal;
        this.local = local;
        this.localExecutor = localExecutor;
        this.remote = remote;
    }

    Map<NodeInfo, Result> ask(Collection<NodeInfo> nodes, String line, Duration timeout) {
        Map<NodeInfo, CompletableFuture<Result>> pending = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            pending.putIfAbsent(node, start(node, line, timeout));
        }
        long deadline = System.nanoTime() + timeout.plus(GRACE).toNanos();
        Map<NodeInfo, Result> results = new LinkedHashMap<>();
        pending.forEach((node, future) -> results.put(node, await(node, future, deadline, timeout)));
        return results;
    }

    private CompletableFuture<Result> start(NodeInfo node, String line, Duration timeout) {
        if (isLocal.test(node)) {
            try {
                return CompletableFuture.supplyAsync(() -> local.apply(line), localExecutor);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(Result.failed(ErrorCode.BUSY, "too many cluster queries at once"));
            }
        }
        if (node.state() != NodeInfo.State.ALIVE) {
            return CompletableFuture.completedFuture(Result.failed(ErrorCode.UNAVAILABLE,
                    "node #" + node.number() + " is " + node.state() + " since " + node.since()));
        }
        return remote.ask(node, line, timeout);
    }

    private static Result await(NodeInfo node, CompletableFuture<Result> future, long deadline, Duration timeout) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Result.failed(ErrorCode.TIMEOUT,
                    "node #" + node.number() + " did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(ErrorCode.UNAVAILABLE, "interrupted");
        } catch (ExecutionException e) {
            LOG.warn("cluster query to node #{} failed", node.number(), e.getCause());
            return Result.failed(ErrorCode.INTERNAL, "node #" + node.number() + ": query failed");
        }
    }
}
