package gomd.client.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes idle kept connections in the background, so that a node asked once and never again
 * does not keep a socket (and a slot of the console's per-address limit) open until its client
 * is closed. One for the whole JVM (or bundle): its one thread runs only while some connection
 * is idle and ends a second after the last one is gone, so a short-lived client costs no thread
 * and a stopped bundle leaves none behind.
 */
final class Sweeper {

    static final Sweeper INSTANCE = new Sweeper();

    private static final long MIN_PERIOD_MILLIS = 10;
    private static final long MAX_PERIOD_MILLIS = 1000;

    /** The pools that have idle connections; a pool leaves once it has none. */
    private final Set<NodePool> pools = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            Threads.daemon("gomd-client-sweeper"));
    private boolean scheduled;

    private Sweeper() {
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** {@code pool} has just kept a connection idle. */
    void watch(NodePool pool) {
        pools.add(pool);
        long period;
        synchronized (this) {
            if (scheduled) {
                return;
            }
            scheduled = true;
            period = period();
        }
        timer.schedule(this::sweep, period, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        synchronized (this) {
            scheduled = false; // before the loop: a pool that turns idle meanwhile schedules the next sweep itself
        }
        NodePool last = null;
        for (NodePool p : pools) {
            p.evictIdle();
            if (!p.hasIdle()) {
                pools.remove(p);
            }
            // a connection released after hasIdle() looked: its watch() found the pool still here
            if (p.hasIdle()) {
                pools.add(p);
                last = p;
            }
        }
        if (last != null) {
            watch(last);
        }
    }

    /** Half the shortest idle timeout, so no connection stays much longer than its timeout; at most a second. */
    private long period() {
        long shortest = pools.stream().mapToLong(NodePool::idleTimeoutMillis).min().orElse(MAX_PERIOD_MILLIS);
        return Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, shortest / 2));
    }
}
