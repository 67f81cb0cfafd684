package gomd.scx.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import gomd.core.api.Record;
import gomd.core.api.Reply;

/**
 * The answer of one {@code cwc}, written from the nodes' threads one line at a time: progress
 * lines, each node's output prefixed {@code node#N: } as it arrives (or, with {@code -b},
 * gathered into one block per identical output), the outcome records and the summary. Output
 * is bounded per node and in all by an {@link OutputCap}.
 */
final class ClusterOutput {

    static final String SEPARATOR = "---------------";

    private final Reply reply;
    private final OutputCap cap;
    private final boolean gather;
    /** Output kept for {@code -b}, per node number; guarded by {@code this}. */
    private final Map<Integer, List<String>> kept = new TreeMap<>();

    ClusterOutput(Reply reply, OutputCap cap, boolean gather) {
        this.reply = reply;
        this.cap = cap;
        this.gather = gather;
    }

    synchronized void progress(String line) {
        reply.text(line);
    }

    synchronized void record(Record record) {
        reply.record(record);
    }

    /** Where node {@code number}'s output goes. */
    OutputCap.Source node(int number) {
        if (gather) {
            List<String> lines = new ArrayList<>();
            synchronized (this) {
                kept.put(number, lines);
            }
            return cap.source(line -> {
                synchronized (this) {
                    lines.add(line);
                }
            });
        }
        String prefix = "node#" + number + ": ";
        return cap.source(line -> progress(prefix + line));
    }

    /** With {@code -b}: one block per distinct output, headed by the nodes that gave it. */
    synchronized void writeGathered() {
        Map<List<String>, List<Integer>> byOutput = new LinkedHashMap<>();
        kept.forEach((node, lines) -> {
            if (!lines.isEmpty()) {
                byOutput.computeIfAbsent(lines, l -> new ArrayList<>()).add(node);
            }
        });
        byOutput.forEach((lines, nodes) -> {
            reply.text(SEPARATOR);
            reply.text("node#" + NodeSet.fold(nodes) + " (" + nodes.size() + ")");
            reply.text(SEPARATOR);
            lines.forEach(reply::text);
        });
    }
}
