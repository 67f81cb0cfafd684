package gomd.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real gomd node: the built distribution started as its own process through the launcher
 * ({@code bin/gomd -n --home HOME --port PORT ...}), with its own home (etc/, data/, log/).
 *
 * <pre>
 * GomdNode node = GomdNode.builder(home, 22100)
 *         .feature("gomd-acl")                                    // installed at the first start
 *         .file("etc/gomd/acl.conf", "127.0.0.1/32:ACL_FULL_CONTROL\n")
 *         .property("gomd.node.id", "7")                          // -Dgomd.node.id=7
 *         .option("--seeds", "127.0.0.1:22110")                   // any launcher option
 *         .start();                                               // returns once the console answers
 * Answer load = node.ask("get load");
 * node.kill();                                                    // kill -9
 * node.start();                                                   // again, same home and settings
 * node.stop();                                                    // SIGTERM, wait
 * </pre>
 *
 * Ports: console N, Karaf SSH N+1, JMX RMI N+2 and N+3, gomd.rgs N+4..N+9. Everything the
 * node prints goes to {@link #output()}, its log to {@link #log()}; {@link #diagnostics} gives
 * the tail of both for a failure message. Nodes still running when the test JVM exits are killed.
 */
public final class GomdNode implements AutoCloseable {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private static final Set<GomdNode> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(n -> {
            Process p = n.process;
            if (p != null) {
                p.destroyForcibly();
            }
        }), "gomd-itests-kill-nodes"));
    }

    private final Builder settings;
    private volatile Process process;

    private GomdNode(Builder settings) {
        this.settings = settings;
    }

    /** A node with its home at {@code home} (made on first start) and console port {@code port}. */
    public static Builder builder(Path home, int port) {
        return new Builder(home, port);
    }

    /** Starts a node with launcher options, e.g. {@code start(home, 22100, "--node-id", "3")}. */
    public static GomdNode start(Path home, int port, String... launcherOptions) {
        Builder b = builder(home, port);
        for (String o : launcherOptions) {
            b.arguments.add(o);
        }
        return b.start();
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    /** Starts the node (again) with the same settings and waits until its console answers. */
    public synchronized GomdNode start() {
        if (isAlive()) {
            throw new IllegalStateException("node " + this + " already runs");
        }
        for (int p : new int[] {port(), sshPort()}) {
            if (listening(host(), p)) {
                throw new IllegalStateException("port " + p + " is taken by another process; cannot start " + this);
            }
        }
        try {
            Files.createDirectories(home().resolve("log"));
            for (Map.Entry<String, String> f : settings.files.entrySet()) {
                writeFile(f.getKey(), f.getValue());
            }
            ProcessBuilder pb = new ProcessBuilder(command());
            pb.environment().put("GOMD_CONSOLE_LOG", "WARN");
            pb.environment().put("GOMD_SKIP_BUILD", "1"); // ./gomd inside a build must not start another
            if (!settings.javaOptions.isEmpty()) {
                pb.environment().put("EXTRA_JAVA_OPTS", String.join(" ", settings.javaOptions));
            }
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(output().toFile()));
            Files.writeString(output(), "---- gomd-itests: " + String.join(" ", pb.command()) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = pb.start();
            process.getOutputStream().close();
            LIVE.add(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + this, e);
        }
        awaitConsole(settings.startTimeout);
        return this;
    }

    private List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add((settings.launcher != null ? settings.launcher : Distribution.home().resolve("bin/gomd")).toString());
        cmd.add("-n");
        cmd.add("--home");
        cmd.add(home().toString());
        cmd.add("--port");
        cmd.add(Integer.toString(port()));
        if (settings.bind != null) {
            cmd.add("--bind");
            cmd.add(settings.bind);
        }
        if (!settings.features.isEmpty()) {
            cmd.add("--features");
            cmd.add(String.join(",", settings.features));
        }
        settings.properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(settings.arguments);
        return cmd;
    }

    /**
     * Waits until the node answers: the handshake works and {@code get load} has its first
     * sample (or the node refuses us by its access rules, which is an answer too). Fails early
     * if the process ends.
     */
    private void awaitConsole(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException("node " + this + " exited with " + process.exitValue()
                        + " during start\n" + diagnostics(80));
            }
            try (GomdConsole c = GomdConsole.connect(new InetSocketAddress(host(), port()), null, Duration.ofSeconds(5))) {
                Answer load = c.askUntilAvailable("get load", Duration.ofSeconds(5));
                if (!"UNAVAILABLE".equals(load.errorCode())) {
                    return;
                }
                last = load;
            } catch (GomdConsole.Refused e) {
                return;
            } catch (IOException e) {
                last = e;
            }
            sleep(250);
        }
        throw new IllegalStateException("console of " + this + " did not answer within " + timeout.toSeconds()
                + " s (last: " + last + ")\n" + diagnostics(80));
    }

    /** SIGTERM (a clean stop, as {@code gomd stop} does), then kill -9 if it takes over a minute; returns the exit code. */
    public synchronized int stop() {
        Process p = process;
        if (p == null) {
            return -1;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        } finally {
            LIVE.remove(this);
        }
    }

    /** kill -9: the node gets no chance to say goodbye. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            p.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(this);
        }
    }

    /** {@link #stop()} then {@link #start()}. */
    public GomdNode restart() {
        stop();
        return start();
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The node's JVM process id (the launcher execs the JVM). */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("node " + this + " was never started");
        }
        return p.pid();
    }

    @Override
    public void close() {
        if (isAlive()) {
            stop();
        }
    }

    // ---- talking to it -----------------------------------------------------------------------

    /** A new console connection, handshake done. Close it. */
    public GomdConsole console() throws IOException {
        return GomdConsole.connect(host(), port());
    }

    /** Sends one request on a new connection and returns the answer. */
    public Answer ask(String line) throws IOException {
        try (GomdConsole c = console()) {
            return c.ask(line);
        }
    }

    /**
     * Runs a command in the node's Karaf shell over SSH ({@code bin/gomd client}), e.g.
     * {@code karaf("feature:install gomd-acl")} or {@code karaf("gomd:get load")}.
     */
    public ShellResult karaf(String command) {
        List<String> cmd = List.of(Distribution.home().resolve("bin/gomd").toString(), "client",
                "--home", home().toString(), command);
        try {
            Path out = Files.createTempFile(home().resolve("log"), "karaf-client", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("Karaf client did not finish: " + cmd);
            }
            String text = ANSI.matcher(Files.readString(out, StandardCharsets.UTF_8)).replaceAll("");
            Files.delete(out);
            return new ShellResult(p.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- files ---------------------------------------------------------------------------------

    /** The home: etc/, data/, log/. */
    public Path home() {
        return settings.home;
    }

    /** Writes a file under the home (directories made), replacing it atomically as editors do. */
    public Path writeFile(String relativePath, String content) throws IOException {
        Path target = home().resolve(relativePath);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".gomd-itests", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The Karaf log, {@code HOME/log/karaf.log}. */
    public Path log() {
        return home().resolve("log/karaf.log");
    }

    /** Everything the node process printed (all starts), {@code HOME/log/gomd-itests.out}. */
    public Path output() {
        return home().resolve("log/gomd-itests.out");
    }

    /** Waits until the log has a line containing {@code text}; fails with diagnostics if not. */
    public void awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (tail(log(), Integer.MAX_VALUE).contains(text)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError("no \"" + text + "\" in " + log() + " within " + timeout.toSeconds() + " s\n"
                + diagnostics(60));
    }

    /** The last lines of the node's output and log, for failure messages. */
    public String diagnostics(int lines) {
        return "==== " + this + ": last " + lines + " lines of " + output() + "\n" + tail(output(), lines)
                + "==== last " + lines + " lines of " + log() + "\n" + tail(log(), lines);
    }

    // ---- addresses -----------------------------------------------------------------------------

    public int port() {
        return settings.port;
    }

    public int sshPort() {
        return settings.port + 1;
    }

    /** Where to connect: the bind address, or 127.0.0.1 when bound to all or none given. */
    public String host() {
        String b = settings.bind;
        return b == null || b.equals("0.0.0.0") || b.equals("::") ? "127.0.0.1" : b;
    }

    @Override
    public String toString() {
        return "gomd node " + host() + ":" + port() + " (home " + home() + ")";
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no file)\n";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read: " + e + ")\n";
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The output of a Karaf shell command. */
    public record ShellResult(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** How to start a node; {@link #start()} makes and starts it. */
    public static final class Builder {
        private final Path home;
        private final int port;
        private String bind;
        private final List<String> features = new ArrayList<>();
        private final Map<String, String> files = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> arguments = new ArrayList<>();
        private final List<String> javaOptions = new ArrayList<>(List.of(
                // Test nodes are many and short-lived: quick to start, small.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Path launcher;

        private Builder(Path home, int port) {
            this.home = home.toAbsolutePath().normalize();
            this.port = port;
        }

        /** {@code --bind ADDR}: the console address. */
        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        /** {@code --node-id N}. */
        public Builder nodeId(int id) {
            return option("--node-id", Integer.toString(id));
        }

        /** Karaf features to install at boot, e.g. {@code gomd-acl} (taken on the first start of a home). */
        public Builder feature(String... names) {
            features.addAll(List.of(names));
            return this;
        }

        /** A file to write under the home before every start, e.g. {@code etc/gomd/acl.conf}. */
        public Builder file(String relativePath, String content) {
            files.put(relativePath, content);
            return this;
        }

        /** A system property of the node's JVM ({@code -Dkey=value}; one word). */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** A launcher option with its value, e.g. {@code option("--seeds", "127.0.0.1:25010")}. */
        public Builder option(String name, String value) {
            arguments.add(name);
            arguments.add(value);
            return this;
        }

        /** Extra JVM options (added to the harness's defaults). */
        public Builder javaOptions(String... options) {
            javaOptions.addAll(List.of(options));
            return this;
        }

        /** Start through another launcher with bin/gomd's options, e.g. the checkout's {@code ./gomd}. */
        public Builder launcher(Path script) {
            this.launcher = script.toAbsolutePath();
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Makes the node and starts it; returns once its console answers. */
        public GomdNode start() {
            return new GomdNode(this).start();
        }
    }
}
