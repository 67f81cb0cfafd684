package gomd.core.internal.collect;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.Cluster;
import gomd.core.api.NodeInfo;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Result;
import gomd.core.api.ResultItem;
import gomd.core.api.Table;
import gomd.core.api.Text;

/**
 * {@code get SOURCE [ARG] ALL|NODES}: asks the nodes in parallel through the {@link Cluster}
 * and answers with the seed's keys, one record per record of each node's answer:
 * {@code (LOAD_OF_NODE_#1:0.52)(LOAD5_OF_NODE_#1:0.40)...}; a node that did not answer gets
 * {@code (LOAD_OF_NODE_#2:-101)}.
 */
final class ClusterGet {

    /** The seed's value for a node that did not answer. */
    static final String NO_ANSWER = "-101";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterGet.class);

    private ClusterGet() {
    }

    /**
     * @param line the request without its node part, as each node gets it
     */
    static void answer(Cluster cluster, NodeSet nodes, String source, String line, Duration timeout, Reply reply) {
        List<NodeInfo> known = cluster.nodes();
        SortedSet<Integer> wanted = new TreeSet<>(nodes.numbers());
        List<NodeInfo> asked = known.stream().filter(n -> nodes.all() || wanted.contains(n.number())).toList();
        asked.forEach(n -> wanted.add(n.number()));

        Map<Integer, Result> answers = new HashMap<>();
        if (!asked.isEmpty()) {
            try {
                cluster.ask(asked, line, timeout).forEach((node, result) -> answers.put(node.number(), result));
            } catch (RuntimeException e) {
                LOG.warn("cluster query '{}' failed", line, e);
            }
        }
        String missing = source.toUpperCase(Locale.ROOT);
        for (int n : wanted) {
            Result r = answers.get(n);
            if (r == null || !r.isOk()) {
                LOG.debug("node #{} gave no answer to '{}': {}", n, line, r);
                reply.record(suffixed(Record.of(missing, NO_ANSWER), n));
                continue;
            }
            for (ResultItem item : r.items()) {
                if (item instanceof Record rec) {
                    send(suffixed(rec, n), reply);
                } else if (item instanceof Table t) {
                    for (int i = 0; i < t.rows().size(); i++) {
                        send(suffixed(t.row(i), n), reply);
                    }
                } else if (item instanceof Text text) {
                    reply.text("node #" + n + ": " + text.line());
                }
            }
        }
    }

    private static void send(Record record, Reply reply) {
        if (!record.fields().isEmpty()) {
            reply.record(record);
        }
    }

    /** {@code KEY} becomes {@code KEY_OF_NODE_#N}; a key that would grow too long is dropped. */
    static Record suffixed(Record record, int node) {
        Record.Builder b = Record.builder();
        String suffix = "_OF_NODE_#" + node;
        record.fields().forEach((k, v) -> {
            String key = k + suffix;
            if (Record.KEY.matcher(key).matches()) {
                b.put(key, v);
            }
        });
        return b.build();
    }
}
