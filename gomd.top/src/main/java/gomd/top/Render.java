package gomd.top;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Turns node stats into text: the plain table of {@code --once} and the live screen with bars. */
final class Render {

    static final String[] TABLE_COLUMNS = {"NODE", "STATE", "LOAD1", "LOAD5", "LOAD15", "CPUS", "CPU%", "MEM%",
        "MEM_USED", "MEM_TOTAL", "NET_IN/s", "NET_OUT/s"};

    private static final int BAR = 10;
    private static final String RESET = "\u001b[0m";

    private Render() {
    }

    /** Busiest first (by 1-minute load), the nodes that are down last; ties by address. */
    static List<NodeStats> sorted(List<NodeStats> stats) {
        List<NodeStats> out = new ArrayList<>(stats);
        out.sort(Comparator.comparing((NodeStats s) -> !s.isUp())
                .thenComparing(s -> Double.isNaN(s.load1()) ? 0 : -s.load1())
                .thenComparing(s -> s.node().toString()));
        return out;
    }

    /** The {@code --once} table: one line per node, columns separated by blanks, {@code -} for no value. */
    static String table(List<NodeStats> stats) {
        List<String[]> rows = new ArrayList<>();
        rows.add(TABLE_COLUMNS);
        for (NodeStats s : sorted(stats)) {
            rows.add(new String[] {s.node().toString(), s.isUp() ? "up" : "down", num(s.load1()), num(s.load5()),
                num(s.load15()), count(s.cpus()), pct(s.cpuBusy()), pct(percent(s.memUsed(), s.memTotal())),
                bytes(s.memUsed()), bytes(s.memTotal()), bytes(s.netIn()), bytes(s.netOut())});
        }
        int[] width = new int[TABLE_COLUMNS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(pad(row[i], width[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The live screen: a header, a title line and one line per node, at most {@code height}
     * lines and {@code width} columns. Bars show load per CPU, CPU busy and memory used.
     */
    static List<String> screen(String header, List<NodeStats> stats, int width, int height, boolean color) {
        List<NodeStats> sorted = sorted(stats);
        int nodeWidth = Math.min(28, Math.max(4, sorted.stream().mapToInt(s -> s.node().toString().length())
                .max().orElse(4)));
        List<String> lines = new ArrayList<>();
        lines.add(cut(header, width));
        String titles = cut(pad("NODE", nodeWidth) + "  LOAD1 LOAD5 LOAD15  " + pad("LOAD/CPU", BAR + 2)
                + "  " + pad("CPU", BAR + 7) + "  " + pad("MEM USED", BAR + 17)
                + "  " + lpad("NET IN/s", 8) + " " + lpad("OUT/s", 8), width);
        lines.add(color ? "\u001b[7m" + titles + RESET : titles);
        int room = Math.max(1, height - lines.size());
        for (int i = 0; i < sorted.size(); i++) {
            if (i == room - 1 && sorted.size() > room) {
                lines.add("... " + (sorted.size() - i) + " more nodes (a taller terminal shows them)");
                break;
            }
            NodeStats s = sorted.get(i);
            String node = pad(cut(s.node().toString(), nodeWidth), nodeWidth);
            if (!s.isUp()) {
                String why = "  down: " + s.down();
                lines.add(color ? node + "\u001b[31m" + cut(why, width - nodeWidth) + RESET : cut(node + why, width));
                continue;
            }
            double memPct = percent(s.memUsed(), s.memTotal());
            String line = node
                    + "  " + lpad(num(s.load1()), 5) + " " + lpad(num(s.load5()), 5) + " " + lpad(num(s.load15()), 6)
                    + "  " + bar(s.load1() / s.cpus(), color)
                    + "  " + bar(s.cpuBusy() / 100, color) + " " + lpad(pct(s.cpuBusy()), 3) + "%"
                    + "  " + bar(memPct / 100, color) + " " + lpad(pct(memPct), 3) + "% "
                    + lpad(bytes(s.memUsed()) + "/" + bytes(s.memTotal()), 11)
                    + "  " + lpad(bytes(s.netIn()), 8) + " " + lpad(bytes(s.netOut()), 8);
            // Colour codes take no room on screen: cut the plain text when the terminal is narrow.
            lines.add(color && visible(line) <= width ? line : cut(line.replaceAll("\u001b\\[[0-9;]*m", ""), width));
        }
        return lines;
    }

    /** {@code [|||||     ]}: a fraction of 0..1 (clamped; unknown is empty), green, yellow from 50 %, red from 85 %. */
    static String bar(double fraction, boolean color) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return "[" + " ".repeat(BAR) + "]";
        }
        double f = Math.max(0, Math.min(1, fraction));
        int full = (int) Math.round(f * BAR);
        String bars = "|".repeat(full);
        if (color && full > 0) {
            String c = f >= 0.85 ? "\u001b[31m" : f >= 0.5 ? "\u001b[33m" : "\u001b[32m";
            bars = c + bars + RESET;
        }
        return "[" + bars + " ".repeat(BAR - full) + "]";
    }

    /** Bytes in binary units, as top does: {@code 512B}, {@code 1.5K}, {@code 16G}; {@code -} for none. */
    static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "-";
        }
        String[] units = {"B", "K", "M", "G", "T", "P"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return (u == 0 || b >= 10 ? String.format(Locale.ROOT, "%.0f", b) : String.format(Locale.ROOT, "%.1f", b))
                + units[u];
    }

    private static double percent(double part, double whole) {
        return whole > 0 ? 100 * part / whole : Double.NaN;
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "-" : String.valueOf((long) v);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String lpad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width));
    }

    private static int visible(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
