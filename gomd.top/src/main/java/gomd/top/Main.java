package gomd.top;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import gomd.client.ClientOptions;
import gomd.client.GomdCluster;
import gomd.client.NodeAddress;

/**
 * gomd-top: load, CPU, memory and network of gomd nodes, the busiest first, refreshed every
 * second; {@code --once} prints one table for scripts. Runs on a plain class path.
 */
public final class Main {

    static final int OK = 0;
    static final int SOME_DOWN = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: gomd-top [--once] [--interval SECONDS] [--timeout SECONDS] HOST[:PORT]...
              Shows load, CPU, memory and network of gomd nodes, busiest first, a line "down" for a
              node that does not answer. Refreshes every second until Ctrl-C.
              --once           print one table and exit: 0 all nodes answered, 1 some are down, 2 usage
              --interval S     seconds between refreshes (default 1)
              --timeout S      how long a node may take to answer before it shows as down
                               (default: the interval; 5 with --once)
              PORT defaults to 9889; write IPv6 addresses as [::1]:9889.""";

    static final Duration ONCE_TIMEOUT = Duration.ofSeconds(5);

    /** More nodes are asked in turns: a monitor must not open hundreds of connections at once. */
    private static final int MAX_PARALLEL = 64;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Main() {
    }

    record Options(boolean once, Duration interval, Duration timeout, List<NodeAddress> nodes) {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gomd-top: " + e.getMessage());
            System.err.println(USAGE_TEXT);
            System.exit(USAGE);
            return;
        }
        if (o == null) {
            out.println(USAGE_TEXT);
            out.flush();
            return;
        }
        System.exit(o.once() ? once(o, out, System.err) : live(o, out));
    }

    /** The options, or null for {@code --help}. */
    static Options parse(String[] args) {
        boolean once = false;
        Duration interval = Duration.ofSeconds(1);
        Duration timeout = null;
        List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--once" -> once = true;
                case "--interval" -> interval = seconds(a, value(args, ++i, a));
                case "--timeout" -> timeout = seconds(a, value(args, ++i, a));
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    nodes.add(NodeAddress.parse(a));
                }
            }
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node given");
        }
        // Live, a node slower than a refresh shows as down; a one-off table can wait longer.
        Duration wait = timeout != null ? timeout : once ? ONCE_TIMEOUT : interval;
        return new Options(once, interval, wait, List.copyOf(nodes));
    }

    /** One poll, one table on {@code out}, why each down node is down on {@code err}. */
    static int once(Options o, PrintStream out, PrintStream err) {
        try (GomdCluster cluster = cluster(o)) {
            List<NodeStats> stats = poll(cluster, o);
            out.print(Render.table(stats));
            out.flush();
            stats.stream().filter(s -> !s.isUp()).forEach(s -> err.println("gomd-top: " + s.node() + " down: " + s.down()));
            return stats.stream().allMatch(NodeStats::isUp) ? OK : SOME_DOWN;
        }
    }

    /** Redraws the screen after every poll until the process is stopped. */
    private static int live(Options o, PrintStream out) {
        int width = envInt("COLUMNS", 120);
        int height = envInt("LINES", 40);
        boolean color = System.getenv("NO_COLOR") == null;
        // Show the cursor again however we end (Ctrl-C runs the hook).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.print("\u001b[0m\u001b[?25h\n");
            out.flush();
        }, "gomd-top-restore-terminal"));
        out.print("\u001b[?25l\u001b[2J");
        try (GomdCluster cluster = cluster(o)) {
            while (true) {
                long start = System.nanoTime();
                List<NodeStats> stats = poll(cluster, o);
                long up = stats.stream().filter(NodeStats::isUp).count();
                String header = "gomd-top - " + stats.size() + " nodes, " + up + " up, " + (stats.size() - up)
                        + " down - every " + seconds(o.interval()) + " - " + LocalTime.now().format(CLOCK)
                        + " - Ctrl-C quits";
                // No line end after the last line: on the terminal's bottom row it would scroll the header away.
                String frame = String.join("\u001b[K\n", Render.screen(header, stats, width, height, color));
                out.print("\u001b[H" + frame + "\u001b[K\u001b[J");
                out.flush();
                long left = o.interval().toNanos() - (System.nanoTime() - start);
                if (left > 0) {
                    try {
                        Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return OK;
                    }
                }
            }
        }
    }

    private static GomdCluster cluster(Options o) {
        // One kept connection per node is all a monitor needs; the timeout covers connecting too.
        ClientOptions c = ClientOptions.defaults().withConnectTimeout(o.timeout()).withTimeout(o.timeout())
                .withMaxConnectionsPerNode(1);
        return GomdCluster.create(c, Math.min(MAX_PARALLEL, o.nodes().size()));
    }

    private static List<NodeStats> poll(GomdCluster cluster, Options o) {
        Map<NodeAddress, CompletableFuture<NodeStats>> asked = new java.util.LinkedHashMap<>();
        for (NodeAddress node : o.nodes()) {
            asked.putIfAbsent(node, cluster.submit(node, c -> NodeStats.read(node, c, o.timeout())));
        }
        List<NodeStats> stats = new ArrayList<>();
        asked.forEach((node, f) -> stats.add(f.handle((s, e) -> e == null ? s
                : NodeStats.down(node, e.getCause() == null ? e.toString() : e.getCause().getMessage())).join()));
        return stats;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static Duration seconds(String option, String value) {
        try {
            double s = Double.parseDouble(value);
            if (!(s >= 0.1 && s <= 3600)) {
                throw new IllegalArgumentException(option + " must be between 0.1 and 3600 seconds: " + value);
            }
            return Duration.ofMillis(Math.round(s * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number of seconds: " + value);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static int envInt(String name, int fallback) {
        try {
            int v = Integer.parseInt(System.getenv().getOrDefault(name, ""));
            return v > 0 ? v : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
