package gomd.scx.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of gomd.scx (PID {@code gomd.scx}) as checked values. A value out of its
 * range is reported with its key and the last good value (at start: the default) stays.
 */
record Settings(String clusterKey, String policyFile, Duration pollInterval, Duration defaultTimeout,
                Duration maxTimeout, int maxRunning, ArgvLimits argv, long maxBytesPerNode, long maxBytesTotal,
                int maxLineLength, int fanout, int maxFanout, int maxCwc, Duration signatureWindow, int nonceCapacity) {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    static final Settings DEFAULTS = new Settings("", "etc/gomd/scx.conf", Duration.ofSeconds(2),
            Duration.ofSeconds(60), Duration.ofSeconds(3600), 8, new ArgvLimits(256, 2048), 256 * 1024,
            2 * 1024 * 1024, 4096, 32, 256, 4, Duration.ofSeconds(60), 100_000);

    static Settings from(ScxEngine.Config c, Settings last) {
        Duration maxTimeout = seconds("exec.maxTimeout", c.exec_maxTimeout(), 1, 7 * 24 * 3600, last.maxTimeout);
        int maxFanout = (int) number("cwc.maxFanout", c.cwc_maxFanout(), 1, 4096, last.maxFanout);
        long perNode = number("output.maxBytesPerNode", c.output_maxBytesPerNode(), 1024, 1L << 30,
                last.maxBytesPerNode);
        return new Settings(c.cluster_key() == null ? "" : c.cluster_key().strip(),
                c.policy_file() == null || c.policy_file().isBlank() ? DEFAULTS.policyFile : c.policy_file().strip(),
                seconds("policy.pollInterval", c.policy_pollInterval(), 1, 3600, last.pollInterval),
                min(seconds("exec.defaultTimeout", c.exec_defaultTimeout(), 1, 7 * 24 * 3600, last.defaultTimeout),
                        maxTimeout),
                maxTimeout,
                (int) number("exec.maxRunning", c.exec_maxRunning(), 1, 1024, last.maxRunning),
                new ArgvLimits((int) number("argv.maxWords", c.argv_maxWords(), 1, 4096, last.argv.maxWords()),
                        (int) number("argv.maxBytes", c.argv_maxBytes(), 16, 1 << 20, last.argv.maxBytes())),
                perNode,
                number("output.maxBytesTotal", c.output_maxBytesTotal(), perNode, 1L << 32, last.maxBytesTotal),
                (int) number("output.maxLineLength", c.output_maxLineLength(), 80, 1 << 20, last.maxLineLength),
                (int) number("cwc.fanout", c.cwc_fanout(), 1, maxFanout, last.fanout),
                maxFanout,
                (int) number("cwc.maxRunning", c.cwc_maxRunning(), 1, 1024, last.maxCwc),
                seconds("signature.window", c.signature_window(), 1, 3600, last.signatureWindow),
                (int) number("signature.nonceCapacity", c.signature_nonceCapacity(), 16, 10_000_000,
                        last.nonceCapacity));
    }

    private static long number(String key, long value, long min, long max, long lastGood) {
        if (value >= min && value <= max) {
            return value;
        }
        LOG.warn("{}: invalid {}={} (must be from {} to {}); keeping {}", ScxEngine.PID, key, value, min, max,
                lastGood);
        return lastGood;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration seconds(String key, int value, long min, long max, Duration lastGood) {
        return Duration.ofSeconds(number(key, value, min, max, lastGood.toSeconds()));
    }
}
