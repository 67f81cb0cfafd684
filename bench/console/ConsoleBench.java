import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Console benchmark: holds N connections to a running gomd, each sending one request at a
 * time (closed loop), and prints the latency percentiles and answers per second.
 *
 * <pre>java bench/console/ConsoleBench.java HOST PORT CONNECTIONS SECONDS [COMMAND]</pre>
 *
 * Plain JDK, one file, run from source (Java 17): no build step, nothing in the Maven reactor.
 * The first second is warm-up and is not counted. Latency is measured from writing the
 * request to reading its terminator line, as a client sees it.
 */
public final class ConsoleBench {

    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long PROBE_SECONDS = 60;

    public static void main(String[] args) throws InterruptedException {
        try {
            run(args);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException, InterruptedException {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: java bench/console/ConsoleBench.java HOST PORT CONNECTIONS SECONDS [COMMAND]");
            System.err.println("       e.g. java bench/console/ConsoleBench.java 127.0.0.1 9889 16 10 'get load'");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        String command = args.length == 5 ? args[4] : "get load";
        if (connections < 1 || seconds < 1) {
            throw new IllegalArgumentException("CONNECTIONS and SECONDS must be at least 1");
        }
        InetSocketAddress server = new InetSocketAddress(host, port);

        probe(server, command);

        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            workers.add(new Worker(Connection.open(server, i + 1), command));
        }
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long measureFrom = start + WARMUP_NANOS;
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        for (Worker w : workers) {
            Thread t = new Thread(() -> {
                w.run(measureFrom, end);
                done.countDown();
            }, "bench-" + workers.indexOf(w));
            t.setDaemon(true);
            t.start();
        }
        if (!done.await(seconds + 2 + 2L * READ_TIMEOUT_MILLIS / 1000, TimeUnit.SECONDS)) {
            throw new IllegalStateException("workers did not finish; the node stopped answering");
        }

        report(host, port, connections, seconds, command, workers);
    }

    /** Waits until the node answers the command with (OK): right after start its bundles may still be coming up. */
    private static void probe(InetSocketAddress server, String command) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROBE_SECONDS);
        String last = "no answer";
        boolean waiting = false;
        while (System.nanoTime() < deadline) {
            try (Connection c = Connection.open(server, 0)) {
                last = c.request(command);
                if (last.equals("(OK)")) {
                    return;
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            if (!waiting) {
                System.err.println("bench: waiting up to " + PROBE_SECONDS + " s for '" + command + "' to answer (OK): " + last);
                waiting = true;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("'" + command + "' on " + server + " does not succeed: " + last);
    }

    private static void report(String host, int port, int connections, int seconds, String command,
                               List<Worker> workers) {
        long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted().toArray();
        long errors = workers.stream().mapToLong(w -> w.errors).sum();
        String firstError = workers.stream().map(w -> w.firstError).filter(e -> e != null).findFirst().orElse(null);
        System.out.printf(Locale.ROOT, "gomd console benchmark: %s:%d, %d connections, %d s (after 1 s warm-up), '%s'%n",
                host, port, connections, seconds, command);
        System.out.printf(Locale.ROOT, "  answers:      %d (%d errors)%n", all.length, errors);
        if (all.length > 0) {
            System.out.printf(Locale.ROOT, "  answers/s:    %.0f%n", all.length / (double) seconds);
            System.out.printf(Locale.ROOT, "  latency p50:  %.3f ms%n", percentile(all, 50) / 1e6);
            System.out.printf(Locale.ROOT, "  latency p99:  %.3f ms%n", percentile(all, 99) / 1e6);
            System.out.printf(Locale.ROOT, "  latency max:  %.3f ms%n", all[all.length - 1] / 1e6);
        }
        if (firstError != null) {
            System.out.println("  first error:  " + firstError);
        }
        System.out.printf(Locale.ROOT, "  client:       Java %s, %d CPUs%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("rerun: java bench/console/ConsoleBench.java %s %d %d %d '%s'%n", host, port, connections,
                seconds, command.replace("'", "'\\''"));
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** One connection sending requests back to back. */
    private static final class Worker {
        private final Connection connection;
        private final String command;
        long[] latencies = new long[1 << 16];
        int count;
        long errors;
        String firstError;

        Worker(Connection connection, String command) {
            this.connection = connection;
            this.command = command;
        }

        void run(long measureFrom, long end) {
            try (connection) {
                long now;
                while ((now = System.nanoTime()) < end) {
                    String terminator = connection.request(command);
                    long latency = System.nanoTime() - now;
                    if (now < measureFrom) {
                        continue;
                    }
                    if (!terminator.equals("(OK)")) {
                        errors++;
                        firstError = firstError == null ? terminator : firstError;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = latency;
                }
            } catch (IOException e) {
                errors++;
                firstError = firstError == null ? "connection failed: " + e.getMessage() : firstError;
            }
        }
    }

    /** A console session after the program handshake of docs/PROTOCOL.md. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Connection open(InetSocketAddress server, int number) throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(server, READ_TIMEOUT_MILLIS);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            Connection c = new Connection(s);
            c.out.write("prompt off\n".getBytes(StandardCharsets.UTF_8));
            String l;
            do {
                l = c.readLine();
                if (l == null || l.startsWith("(ERROR:")) {
                    c.close();
                    throw new IOException("connection " + number + " refused: " + l
                            + (l != null && l.startsWith("(ERROR:BUSY)")
                            ? " (raise console.maxConnections / console.maxConnectionsPerAddress in etc/gomd.core.cfg)"
                            : ""));
                }
            } while (!l.endsWith("(OK)"));
            return c;
        }

        /** Sends one request and reads its answer; returns the terminator line. */
        String request(String command) throws IOException {
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            String l;
            while ((l = readLine()) != null) {
                if (l.equals("(OK)") || l.startsWith("(ERROR:")) {
                    return l;
                }
            }
            throw new IOException("connection closed by the node");
        }

        private String readLine() throws IOException {
            line.reset();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    return null;
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
