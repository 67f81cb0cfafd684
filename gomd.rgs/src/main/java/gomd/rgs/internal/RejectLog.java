package gomd.rgs.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs strangers: senders of membership messages that do not open with the cluster key
 * ({@link KeyGuard}). Once per sender per interval, so a stranger cannot flood the log.
 * Thread-safe (called on JGroups threads).
 */
final class RejectLog {

    private static final Logger LOG = LoggerFactory.getLogger(RejectLog.class);
    private static final int MAX_SENDERS = 1024;

    private final Duration interval;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    RejectLog(Duration interval) {
        this.interval = interval;
    }

    void rejected(Address sender) {
        long now = System.nanoTime();
        if (lastLogged.size() > MAX_SENDERS) {
            lastLogged.clear();
        }
        String who = String.valueOf(sender);
        Long before = lastLogged.get(who);
        if (before == null || now - before > interval.toNanos()) {
            lastLogged.put(who, now);
            LOG.warn("[RGS] refused membership traffic from {}: not sealed with this cluster's key "
                    + "(a daemon with another cluster.key?)", who);
        }
    }
}
