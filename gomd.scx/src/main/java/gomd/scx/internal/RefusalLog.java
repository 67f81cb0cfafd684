package gomd.scx.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refusals with the caller's address, at most one line per address every ten seconds
 * (then a count of the ones left out), so a caller that keeps trying cannot flood the log.
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    private static final long QUIET_MILLIS = 10_000;
    private static final int MAX_ADDRESSES = 4096;

    /** Per address: when it was last logged, and how many refusals were left out since. */
    private final Map<InetAddress, long[]> seen = new HashMap<>();

    void log(InetAddress who, String format, Object... args) {
        long now = System.currentTimeMillis();
        long skipped;
        synchronized (this) {
            long[] s = seen.get(who);
            if (s != null && now - s[0] < QUIET_MILLIS) {
                s[1]++;
                return;
            }
            if (seen.size() >= MAX_ADDRESSES) {
                seen.clear();
            }
            skipped = s == null ? 0 : s[1];
            seen.put(who, new long[] {now, 0});
        }
        LOG.warn(format, args);
        if (skipped > 0) {
            LOG.warn("SCX: {} more refusals for {} were not logged", skipped, who.getHostAddress());
        }
    }
}
