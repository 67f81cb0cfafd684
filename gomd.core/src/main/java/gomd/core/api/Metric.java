package gomd.core.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One named value from a {@link Collector}.
 *
 * @param name   the key it is shown under, e.g. {@code LOAD1} or {@code BYTES_IN} (a {@link Record#KEY})
 * @param labels what the value is about, e.g. {@code iface=eth0} or {@code cpu=3}; empty for node-wide values
 * @param type   gauge, counter or info
 * @param unit   e.g. {@code %}, {@code B}, {@code B/s}, {@code s}, {@code MHz}; empty when it has none
 * @param value  a {@link Number} or a {@link String}
 */
public record Metric(String name, Map<String, String> labels, MetricType type, String unit, Object value) {

    public Metric {
        Objects.requireNonNull(name, "name");
        if (!Record.KEY.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name: " + name);
        }
        labels = Map.copyOf(labels);
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        Objects.requireNonNull(value, "value");
    }

    public static Metric gauge(String name, Number value, String unit) {
        return new Metric(name, Map.of(), MetricType.GAUGE, unit, value);
    }

    public static Metric counter(String name, Number value, String unit) {
        return new Metric(name, Map.of(), MetricType.COUNTER, unit, value);
    }

    public static Metric info(String name, String value) {
        return new Metric(name, Map.of(), MetricType.INFO, "", value);
    }

    /** The same metric with one more label. */
    public Metric withLabel(String key, String labelValue) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put(key, labelValue);
        return new Metric(name, l, type, unit, value);
    }
}
