package gomd.core.internal.collect;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads configuration values by hand so that a bad value is reported with its key and the last
 * good value stays in force (DS would silently turn "abc" into 0). A missing key means the default.
 */
final class ConfigValues {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigValues.class);

    private final String pid;
    private final Map<String, ?> props;

    ConfigValues(String pid, Map<String, ?> props) {
        this.pid = pid;
        this.props = props == null ? Map.of() : props;
    }

    long number(String key, long defaultValue, long min, long max, long lastGood) {
        Object raw = props.get(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long v = raw instanceof Long || raw instanceof Integer || raw instanceof Short
                    ? ((Number) raw).longValue() : Long.parseLong(String.valueOf(raw).trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("{}: invalid {}={} (must be a whole number from {} to {}); keeping {}", pid, key, raw, min, max, lastGood);
        return lastGood;
    }

    int integer(String key, int defaultValue, int min, int max, int lastGood) {
        return (int) number(key, defaultValue, min, max, lastGood);
    }

    boolean bool(String key, boolean defaultValue, boolean lastGood) {
        Object raw = props.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(raw).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        LOG.warn("{}: invalid {}={} (must be true or false); keeping {}", pid, key, raw, lastGood);
        return lastGood;
    }

    String string(String key, String defaultValue) {
        Object raw = props.get(key);
        return raw == null || String.valueOf(raw).isBlank() ? defaultValue : String.valueOf(raw).trim();
    }
}
