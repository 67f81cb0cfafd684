package gomd.acl.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs denials without letting one noisy caller flood the log: the first denial of an address in
 * a window is logged in full, the rest are counted and summed up by {@link #flush()}, which the
 * policy calls once a minute. At most {@link #MAX_ADDRESSES} addresses are tracked per window;
 * denials from further addresses are only counted.
 */
final class DenialLog {

    static final int MAX_ADDRESSES = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DenialLog.class);

    /** Denials not logged one by one in this window, per address. */
    private final Map<InetAddress, Integer> counted = new LinkedHashMap<>();
    private int untracked;

    /**
     * Records a denial.
     *
     * @param what   what was denied, e.g. {@code connection} or {@code command 'get' (STATS_READ)}
     * @param reason the verdict's reason
     * @return whether it was logged in full (false: counted for the summary)
     */
    synchronized boolean denied(InetAddress caller, String what, String reason) {
        Integer n = counted.get(caller);
        if (n != null) {
            counted.put(caller, n + 1);
            return false;
        }
        if (counted.size() >= MAX_ADDRESSES) {
            untracked++;
            return false;
        }
        counted.put(caller, 0);
        LOG.warn("denied {} to {}: {}", what, Addresses.format(caller), reason);
        return true;
    }

    /** Logs one summary line per address with counted denials and starts a new window. */
    synchronized List<String> flush() {
        List<String> lines = new ArrayList<>();
        counted.forEach((caller, n) -> {
            if (n > 0) {
                lines.add(n + " more denials to " + Addresses.format(caller) + " since the last summary");
            }
        });
        if (untracked > 0) {
            lines.add(untracked + " denials to further addresses (over " + MAX_ADDRESSES + " denied addresses)");
        }
        counted.clear();
        untracked = 0;
        lines.forEach(l -> LOG.warn("{}", l));
        return lines;
    }
}
