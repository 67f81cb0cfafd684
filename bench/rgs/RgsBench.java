import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * gomd.rgs benchmark: for each N, starts N daemons on loopback (unicast stack, two seeds, the
 * distribution's launcher), measures how long until every daemon lists all N as ALIVE, then
 * kills one with kill -9 and measures how long until every other daemon reports it FAILED.
 *
 * <pre>java bench/rgs/RgsBench.java DIST FAILURE_TIMEOUT_MS N...</pre>
 *
 * Plain JDK, one file, run from source (Java 17). Daemons use console ports 25500, 25510, ...
 * (membership on port + 4), homes under a temporary directory that is removed afterwards.
 * Times are measured by polling {@code nodes} on every daemon every 50 ms, so they are good to
 * about 50 ms plus one round of polling (N console requests).
 */
public final class RgsBench {

    private static final int BASE_PORT = 25500;
    private static final long START_TIMEOUT_NANOS = 600_000_000_000L;
    private static final long MEMBERSHIP_TIMEOUT_NANOS = 300_000_000_000L;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java bench/rgs/RgsBench.java DIST FAILURE_TIMEOUT_MS N...");
            System.exit(2);
        }
        Path dist = Path.of(args[0]).toAbsolutePath();
        int failureTimeout = Integer.parseInt(args[1]);
        List<String> rows = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            rows.add(run(dist, Integer.parseInt(args[i]), failureTimeout));
        }
        System.out.println();
        System.out.println("gomd.rgs membership on loopback, unicast stack, failure.timeout " + failureTimeout + " ms");
        System.out.println("    N   all consoles up   all see all N   after last console   killed one reported FAILED by all");
        rows.forEach(System.out::println);
        System.out.println("(times from launching all N at once; 'after last console' is membership's own share;"
                + " the kill figure is the slowest of the N-1 survivors)");
    }

    private static String run(Path dist, int n, int failureTimeout) throws Exception {
        Path root = Files.createTempDirectory("gomd-rgs-bench-" + n + "-");
        List<Node> nodes = new ArrayList<>();
        try {
            String seeds = "127.0.0.1:" + BASE_PORT + ",127.0.0.1:" + (BASE_PORT + 10);
            long launched = System.nanoTime();
            for (int i = 0; i < n; i++) {
                nodes.add(Node.start(dist, root.resolve("node" + (i + 1)), BASE_PORT + 10 * i, i + 1, seeds,
                        failureTimeout));
            }
            System.err.printf("bench: N=%d: %d daemons launched, homes in %s%n", n, n, root);
            for (Node node : nodes) {
                node.awaitConsole(launched + START_TIMEOUT_NANOS);
            }
            long consoles = System.nanoTime();
            System.err.printf("bench: N=%d: all consoles up after %s%n", n, seconds(consoles - launched));
            awaitAll(nodes, nodes, n, "ALIVE", consoles + MEMBERSHIP_TIMEOUT_NANOS);
            long converged = System.nanoTime();

            Node victim = nodes.get(n - 1);
            List<Node> survivors = nodes.subList(0, n - 1);
            long killed = System.nanoTime();
            victim.kill();
            awaitAll(survivors, List.of(victim), 1, "FAILED", killed + MEMBERSHIP_TIMEOUT_NANOS);
            long detected = System.nanoTime();
            return String.format(Locale.ROOT, "%5d   %15s   %13s   %18s   %33s", n, seconds(consoles - launched),
                    seconds(converged - launched), seconds(converged - consoles), seconds(detected - killed));
        } finally {
            nodes.forEach(Node::stop);
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Polls until every node in {@code observers} lists {@code count} of {@code subjects}' ports in {@code state}. */
    private static void awaitAll(List<Node> observers, List<Node> subjects, int count, String state, long deadline)
            throws Exception {
        List<Node> pending = new ArrayList<>(observers);
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " daemons never saw " + count + " " + state);
            }
            pending.removeIf(o -> {
                List<String> lines = o.ask("nodes");
                long matching = subjects.stream().filter(s -> lines.stream().anyMatch(
                        l -> l.contains("(CONSOLE_PORT:" + s.port + ")(STATE:" + state + ")"))).count();
                return matching >= count && (!state.equals("ALIVE") || aliveRows(lines) == count);
            });
            Thread.sleep(50);
        }
    }

    private static long aliveRows(List<String> lines) {
        return lines.stream().filter(l -> l.contains("(STATE:ALIVE)")).count();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** One daemon, started through the distribution's launcher in the foreground. */
    private static final class Node {
        final int port;
        final Process process;

        private Node(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Node start(Path dist, Path home, int port, int number, String seeds, int failureTimeout)
                throws IOException {
            Files.createDirectories(home.resolve("etc/gomd"));
            Files.writeString(home.resolve("etc/gomd/cluster.key"), "gomd-rgs-bench\n");
            ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/gomd").toString(), "-n", "--home", home.toString(),
                    "--port", Integer.toString(port), "--node-id", Integer.toString(number), "--features", "gomd-rgs",
                    "--stack", "unicast", "--seeds", seeds, "--failure-timeout", Integer.toString(failureTimeout));
            pb.environment().put("EXTRA_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx192m");
            pb.environment().put("GOMD_CONSOLE_LOG", "WARN");
            pb.redirectErrorStream(true).redirectOutput(home.resolve("node.out").toFile());
            return new Node(port, pb.start());
        }

        void awaitConsole(long deadline) throws InterruptedException {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("daemon on port " + port + " exited during start");
                }
                try {
                    ask("nodes");
                    return;
                } catch (IllegalStateException e) {
                    Thread.sleep(250);
                }
            }
            throw new IllegalStateException("daemon on port " + port + " did not answer in time");
        }

        /** One request on a new connection (docs/PROTOCOL.md handshake); the body lines. */
        List<String> ask(String line) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                out.write(("prompt off\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String l;
                while ((l = in.readLine()) != null && !l.endsWith("(OK)")) {
                    // banner and the answer to "prompt off"
                }
                List<String> body = new ArrayList<>();
                while ((l = in.readLine()) != null) {
                    if (l.equals("(OK)") || l.startsWith("(ERROR:")) {
                        return body;
                    }
                    body.add(l);
                }
                throw new IllegalStateException("connection closed before the answer ended");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void kill() {
            process.destroyForcibly();
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
