package gomd.core.internal.collect;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import gomd.core.api.Metric;
import gomd.core.api.Record;

/**
 * How metrics become answer records: node-wide metrics in one record, labelled metrics in one
 * record per label set with the labels first ({@code (IFACE:eth0)(MTU:1500)...}); numbers
 * with at most two decimals and never in scientific notation.
 */
public final class SampleFormat {

    private SampleFormat() {
    }

    /** Metrics that share one label set; node-wide metrics have no labels. */
    public record Group(Map<String, String> labels, List<Metric> metrics) {

        public boolean isNodeWide() {
            return labels.isEmpty();
        }

        /** The metric's value, or null when this group has no such metric. */
        public Object value(String name) {
            for (Metric m : metrics) {
                if (m.name().equals(name)) {
                    return m.value();
                }
            }
            return null;
        }
    }

    /** Groups metrics by label set: the node-wide group first, then the others in order of appearance. */
    public static List<Group> groups(List<Metric> metrics) {
        Map<Map<String, String>, List<Metric>> byLabels = new LinkedHashMap<>();
        byLabels.put(Map.of(), new ArrayList<>());
        for (Metric m : metrics) {
            byLabels.computeIfAbsent(m.labels(), l -> new ArrayList<>()).add(m);
        }
        List<Group> out = new ArrayList<>();
        byLabels.forEach((labels, list) -> {
            if (!list.isEmpty()) {
                out.add(new Group(labels, List.copyOf(list)));
            }
        });
        return out;
    }

    /** One record per group, each label first (the selector label before the others). */
    public static List<Record> records(List<Metric> metrics, String selector) {
        return groups(metrics).stream().map(g -> record(g, selector)).toList();
    }

    public static Record record(Group group, String selector) {
        Record.Builder b = Record.builder();
        Map<String, String> done = new LinkedHashMap<>();
        String first = group.labels().get(selector);
        if (first != null) {
            put(b, done, selector.toUpperCase(Locale.ROOT), first);
        }
        new TreeMap<>(group.labels()).forEach((k, v) -> put(b, done, k.toUpperCase(Locale.ROOT), v));
        for (Metric m : group.metrics()) {
            put(b, done, m.name(), value(m.value()));
        }
        return b.build();
    }

    /** A collector that repeats a key (or names a metric like a label) keeps its first value. */
    private static void put(Record.Builder b, Map<String, String> done, String key, String value) {
        if (done.putIfAbsent(key, value) == null) {
            b.put(key, value);
        }
    }

    /** Numbers as people and programs read them: integers as is, others with at most two decimals. */
    public static String value(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger || !(v instanceof Number n)) {
            return String.valueOf(v);
        }
        BigDecimal d;
        if (v instanceof BigDecimal bd) {
            d = bd;
        } else {
            double x = n.doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return "";
            }
            d = BigDecimal.valueOf(x);
        }
        d = d.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
