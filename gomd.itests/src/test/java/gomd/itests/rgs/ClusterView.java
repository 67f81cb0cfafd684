package gomd.itests.rgs;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import gomd.itests.harness.Answer;
import gomd.itests.harness.GomdNode;

/** What the rgs end-to-end tests read from a node's console, and waiting for it. */
final class ClusterView {

    /** How long membership may take to settle on a busy 2-core machine. */
    static final Duration SETTLE = Duration.ofSeconds(60);

    private ClusterView() {
    }

    /** How {@link #nodes} names a node: {@code NUMBER@ADDRESS:PORT}. */
    static String key(GomdNode node, int number) {
        return number + "@" + node.host() + ":" + node.port();
    }

    /** {@code nodes} on {@code node}, as {@link #key} to STATE (two rows of one key: "STATE+STATE"). */
    static Map<String, String> nodes(GomdNode node) throws IOException {
        Answer a = node.ask("nodes");
        if (!a.ok()) {
            throw new AssertionError("nodes failed on " + node + ": " + a);
        }
        Map<String, String> states = new TreeMap<>();
        for (Map<String, String> r : a.records()) {
            states.merge(r.get("NODE") + "@" + r.get("ADDRESS") + ":" + r.get("CONSOLE_PORT"), r.get("STATE"),
                    (x, y) -> x + "+" + y);
        }
        return states;
    }

    /** Polls {@code nodes} on {@code node} until it shows {@code expected}; fails with the last answer. */
    static void awaitNodes(GomdNode node, Map<String, String> expected, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Map<String, String> last;
        do {
            last = nodes(node);
            if (last.equals(new TreeMap<>(expected))) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < end);
        throw new AssertionError("nodes on " + node + " did not become " + new TreeMap<>(expected) + " within "
                + timeout.toSeconds() + " s; last: " + last + "\n" + node.diagnostics(40));
    }

    /** The values of {@code KEY_OF_NODE_#N} in a {@code get SOURCE ALL} answer, by node number. */
    static Map<Integer, String> perNode(Answer answer, String key) {
        Map<Integer, String> values = new TreeMap<>();
        String prefix = key + "_OF_NODE_#";
        answer.values().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.put(Integer.parseInt(k.substring(prefix.length())), v);
            }
        });
        return values;
    }
}
