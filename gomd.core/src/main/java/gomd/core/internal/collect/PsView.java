package gomd.core.internal.collect;

import java.util.Comparator;
import java.util.List;

import gomd.core.api.Reply;
import gomd.core.api.Table;
import gomd.core.internal.collect.SampleFormat.Group;

/**
 * {@code get ps [cpu|mem] [N]}: the process counts, then the top N processes of the ps
 * collector's sample as a table sorted by CPU or memory share.
 */
final class PsView {

    static final String SOURCE = "ps";
    static final int DEFAULT_COUNT = 10;
    /** The ps collector keeps this many processes per ordering. */
    static final int MAX_COUNT = 50;
    static final List<String> COLUMNS = List.of("PID", "USER", "CPU", "MEM", "RSS", "STATE", "NAME");

    private PsView() {
    }

    static boolean isSortKey(String word) {
        return word.equals("cpu") || word.equals("mem");
    }

    static void answer(List<Group> groups, String sortKey, int count, Reply reply) {
        String key = sortKey.equals("mem") ? "MEM" : "CPU";
        Comparator<Group> order = Comparator.comparingDouble((Group g) -> number(g.value(key))).reversed()
                .thenComparingLong(g -> (long) number(g.labels().get("pid")));
        Table.Builder table = Table.builder(COLUMNS);
        groups.stream().filter(Group::isNodeWide).forEach(g -> reply.record(SampleFormat.record(g, "")));
        groups.stream().filter(g -> g.labels().containsKey("pid")).sorted(order).limit(Math.min(count, MAX_COUNT))
                .forEach(g -> table.row(g.labels().get("pid"), cell(g, "USER"), cell(g, "CPU"), cell(g, "MEM"),
                        cell(g, "RSS"), cell(g, "STATE"), cell(g, "NAME")));
        reply.table(table.build());
    }

    private static String cell(Group g, String name) {
        Object v = g.value(name);
        return v == null ? "" : SampleFormat.value(v);
    }

    private static double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? 0 : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
