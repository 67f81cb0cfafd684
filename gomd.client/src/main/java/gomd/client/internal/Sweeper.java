package gomd.client.internal;

import java.io.Closeable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes idle kept connections in the background, so that a node asked once and never again
 * does not keep a socket (and a slot of the console's per-address limit) open until the
 * client is closed. One thread per {@code GomdClient} or {@code GomdCluster}, for all its nodes.
 */
public final class Sweeper implements Closeable {

    private final Set<NodePool> pools = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("gomd-client-sweeper"));

    /** Sweeps every half idle timeout, so no connection is kept much longer than the timeout. */
    public Sweeper(Duration idleTimeout) {
        long period = Math.max(10, idleTimeout.toMillis() / 2);
        timer.scheduleAtFixedRate(() -> pools.forEach(NodePool::evictIdle), period, period, TimeUnit.MILLISECONDS);
    }

    public void add(NodePool pool) {
        pools.add(pool);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pools.clear();
    }
}
