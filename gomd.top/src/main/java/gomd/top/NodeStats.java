package gomd.top;

import java.time.Duration;
import java.util.List;

import gomd.client.GomdClient;
import gomd.client.NodeAddress;
import gomd.core.api.Record;
import gomd.core.api.Result;

/**
 * What gomd-top shows of one node, read with {@code get load}, {@code get cpu}, {@code get mem}
 * and {@code get netload}. A value the node did not give is NaN. A node is down when it does
 * not answer {@code get load}; the other sources only fill their columns.
 *
 * @param down why the node is down, or null when it is up
 */
record NodeStats(NodeAddress node, String down, double load1, double load5, double load15, double cpus,
                 double cpuBusy, double memUsed, double memTotal, double netIn, double netOut) {

    static final List<String> REQUESTS = List.of("get load", "get cpu", "get mem", "get netload");

    static NodeStats down(NodeAddress node, String why) {
        return new NodeStats(node, why, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    boolean isUp() {
        return down == null;
    }

    /** Asks the node, all four requests within {@code timeout}; later requests get what time is left. */
    static NodeStats read(NodeAddress node, GomdClient client, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        Result[] answers = new Result[REQUESTS.size()];
        for (int i = 0; i < answers.length; i++) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            answers[i] = client.run(REQUESTS.get(i), Duration.ofNanos(left));
            if (i == 0 && !answers[0].isOk()) {
                break;
            }
        }
        return of(node, answers[0], answers[1], answers[2], answers[3]);
    }

    /** Builds the stats from the four answers (null for one not asked). */
    static NodeStats of(NodeAddress node, Result load, Result cpu, Result mem, Result net) {
        if (load == null || !load.isOk()) {
            return down(node, load == null ? "no answer in time" : why(node, load));
        }
        Record l = first(load);
        Record c = first(cpu);
        Record m = first(mem);
        double in = 0;
        double out = 0;
        boolean anyNet = false;
        if (net != null && net.isOk()) {
            for (Record iface : net.records()) {
                // Loopback traffic is the node talking to itself (gomd-top included): not network load.
                String flags = iface.get("IFACE_FLAGS");
                if (flags != null && List.of(flags.split(",")).contains("loopback")) {
                    continue;
                }
                double i = number(iface, "BYTES_IN_RATE");
                double o = number(iface, "BYTES_OUT_RATE");
                if (!Double.isNaN(i) && !Double.isNaN(o)) {
                    in += i;
                    out += o;
                    anyNet = true;
                }
            }
        }
        return new NodeStats(node, null, number(l, "LOAD"), number(l, "LOAD5"), number(l, "LOAD15"),
                number(c, "COUNT"), number(c, "BUSY"), number(m, "MEM_USED"), number(m, "MEM_TOTAL"),
                anyNet ? in : Double.NaN, anyNet ? out : Double.NaN);
    }

    /** The error without the node's name in front: the screen shows it already. */
    private static String why(NodeAddress node, Result failed) {
        String message = failed.error().get().getMessage();
        String prefix = node + ": ";
        return failed.error().get().code() + ": " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    /** The node-wide record: the first one of an answer. */
    private static Record first(Result r) {
        return r == null || !r.isOk() || r.records().isEmpty() ? null : r.records().get(0);
    }

    private static double number(Record r, String key) {
        String v = r == null ? null : r.get(key);
        if (v == null || v.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
