import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times one request line (normally {@code cwc -f N true}) on a gomd console, RUNS times after
 * two warm-up runs, and prints one line: {@code RESULT median_ms min_ms max_ms} with the
 * per-run times before it. The answer must end (OK) and its totals record must say every
 * node exited 0 ({@code (EXIT_0:NODES)} with {@code NODES} as expected), or the run fails.
 * With RUNS 0 it sends LINE once and prints the answer (e.g. {@code nodes}).
 *
 * <pre>java bench/scx/CwcBench.java HOST PORT NODES RUNS LINE</pre>
 *
 * Plain JDK, one file, run from source (Java 17). The time of a run is from writing the
 * request to reading its terminator line, as a client sees it.
 */
public final class CwcBench {

    private static final int READ_TIMEOUT_MILLIS = 120_000;
    private static final int WARMUP_RUNS = 2;

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: java bench/scx/CwcBench.java HOST PORT NODES RUNS LINE");
            System.exit(2);
        }
        int nodes = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        String line = args[4];
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 10_000);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            out.write("prompt off\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String l;
            do {
                l = readLine(in);
            } while (!l.endsWith("(OK)"));
            if (runs == 0) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                do {
                    l = readLine(in);
                    System.out.println(l);
                } while (!l.equals("(OK)") && !l.startsWith("(ERROR:"));
                return;
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < WARMUP_RUNS + runs; i++) {
                long start = System.nanoTime();
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String totals = null;
                String terminator;
                List<String> problems = new ArrayList<>();
                while (true) {
                    l = readLine(in);
                    if (l.startsWith("(NODES:")) {
                        totals = l;
                    } else if (l.startsWith("(NODE:") && !l.contains("(STATE:EXITED)(EXIT:0)")) {
                        problems.add(l);
                    }
                    if (l.equals("(OK)") || l.startsWith("(ERROR:")) {
                        terminator = l;
                        break;
                    }
                }
                double ms = (System.nanoTime() - start) / 1e6;
                String expected = "(NODES:" + nodes + ")(EXIT_0:" + nodes + ")";
                if (!terminator.equals("(OK)") || totals == null || !totals.startsWith(expected)) {
                    System.err.println("bench: run " + i + " did not succeed on all " + nodes + " nodes: " + totals
                            + " " + terminator);
                    problems.forEach(p -> System.err.println("bench:   " + p));
                    System.exit(1);
                }
                if (i >= WARMUP_RUNS) {
                    times.add(ms);
                    System.out.printf(Locale.ROOT, "run %d: %.1f ms%n", i - WARMUP_RUNS + 1, ms);
                }
            }
            List<Double> sorted = times.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "RESULT %.1f %.1f %.1f%n", median(sorted), sorted.get(0),
                    sorted.get(sorted.size() - 1));
        }
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
