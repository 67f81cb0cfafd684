package gomd.itests.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import gomd.itests.harness.Answer;
import gomd.itests.harness.Distribution;
import gomd.itests.harness.GomdNode;
import gomd.itests.harness.GomdNodes;

/**
 * The client side on real nodes: a plain Java program with only the client jars on its class
 * path, the Python client's tests and example, and gomd-top with two nodes, one of them stopped.
 * The jars and gomd-top come from the reactor's target directories (gomd.client and gomd.top
 * build before gomd.itests).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientIT {

    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);
    /** Values that do not change between two reads a moment apart. */
    private static final Set<String> STABLE_KEYS = Set.of("IFACE", "ADDRESS", "SUBNET", "MTU", "HWADDR",
            "MEM_TOTAL", "SWAP_TOTAL");

    @RegisterExtension
    static GomdNodes nodes = new GomdNodes();

    static GomdNode a;
    static GomdNode b;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startTwoNodes() {
        a = nodes.start("a", 23000);
        b = nodes.start("b", 23010);
    }

    @Test
    @Order(1)
    void aPlainJavaProgramWithOnlyTheClientJarsReadsLoad() throws Exception {
        Run run = javaProgram(a.port(), "get load", "get proc version");

        assertThat(run.exit).as(run.toString()).isZero();
        Map<String, String> load = parse(run.stdout).get(0).values;
        assertThat(load.keySet()).containsExactly("LOAD", "LOAD5", "LOAD15");
        assertThat(load.values()).allMatch(v -> v.matches("[0-9]+(\\.[0-9]+)?"));
        // a text line with ( ) : and blanks, unescaped back to what the node read
        assertThat(run.stdout).contains("\ntext " + Files.readString(Path.of("/proc/version")).strip() + "\n");
    }

    @Test
    @Order(2)
    void thePythonTestsPassAgainstTheNode() throws Exception {
        Run run = exec(List.of("python3", "-m", "unittest", "-v", "test_gomd_client"), python(),
                Map.of("GOMD_PORT", String.valueOf(a.port()), "GOMD_HOST", a.host()));

        assertThat(run.exit).as(run.toString()).isZero();
        // unittest writes its report on stderr; the node's tests must have run, not been skipped
        assertThat(run.stderr).doesNotContain("skipped");
        assertThat(Pattern.compile("RealDaemonTest[.\\w]*\\) \\.\\.\\. ok").matcher(run.stderr).results().count())
                .as(run.toString()).isEqualTo(5);
    }

    @Test
    @Order(3)
    void thePythonExamplePrintsWhatTheConsoleAndTheJavaClientRead() throws Exception {
        Run py = exec(List.of("python3", "example.py", a.host(), String.valueOf(a.port())), python(), Map.of());
        Run java = javaProgram(a.port(), "get load", "get mem", "get netload");
        Answer console = a.ask("get netload");

        assertThat(py.exit).as(py.toString()).isZero();
        List<Line> fromPython = parse(py.stdout);
        List<Line> fromJava = parse(java.stdout);
        assertThat(shape(fromPython)).isEqualTo(shape(fromJava));
        assertThat(stable(fromPython)).isEqualTo(stable(fromJava));
        List<Map<String, String>> consoleIfaces = console.records();
        List<Line> pythonIfaces = fromPython.stream().filter(l -> l.source.equals("netload")).toList();
        assertThat(pythonIfaces).hasSameSizeAs(consoleIfaces);
        for (int i = 0; i < consoleIfaces.size(); i++) {
            assertThat(pythonIfaces.get(i).values.keySet()).isEqualTo(consoleIfaces.get(i).keySet());
            assertThat(pythonIfaces.get(i).values.get("ADDRESS")).isEqualTo(consoleIfaces.get(i).get("ADDRESS"));
        }
    }

    @Test
    @Order(4)
    void gomdTopShowsBothNodesAndAStoppedOneAsDownWithinTwoRefreshes() throws Exception {
        String nodeA = "127.0.0.1:" + a.port();
        String nodeB = "127.0.0.1:" + b.port();
        Run once = exec(List.of(gomdTop(), "--once", "--timeout", "5", nodeA, nodeB), Distribution.repo(), topEnv());
        assertThat(once.exit).as(once.toString()).isZero();
        assertThat(tableRow(once.stdout, nodeA)).as(once.stdout).startsWith(nodeA + "  up");
        assertThat(tableRow(once.stdout, nodeB)).as(once.stdout).startsWith(nodeB + "  up");

        Path screen = tmp.resolve("gomd-top.out");
        Process live = new ProcessBuilder(gomdTop(), "--interval", "1", nodeA, nodeB)
                .directory(Distribution.repo().toFile()).redirectErrorStream(true).redirectOutput(screen.toFile())
                .start();
        live.getOutputStream().close();
        try {
            awaitFrame(screen, 0, f -> f.contains(nodeA + "  ") && upLine(f, nodeB), Duration.ofSeconds(60));
            b.stop();
            int framesAtStop = frames(screen).size();

            int downAt = awaitFrame(screen, framesAtStop, f -> f.contains(nodeB + "  down"), Duration.ofSeconds(30));

            assertThat(downAt).as("frames after the stop until down").isLessThanOrEqualTo(framesAtStop + 2);
            assertThat(frames(screen).get(downAt)).contains(nodeA + "  ");
            assertThat(upLine(frames(screen).get(downAt), nodeA)).isTrue();
        } finally {
            live.destroy();
            live.waitFor(10, TimeUnit.SECONDS);
        }

        Run after = exec(List.of(gomdTop(), "--once", "--timeout", "5", nodeA, nodeB), Distribution.repo(), topEnv());
        assertThat(after.exit).as(after.toString()).isEqualTo(1);
        assertThat(tableRow(after.stdout, nodeB)).startsWith(nodeB + "  down");
        assertThat(after.stderr).contains(nodeB + " down: UNAVAILABLE");
    }

    // ---- the programs ---------------------------------------------------------------------

    /**
     * Runs a Java program that sends {@code requests} through the client library, in
     * source-launcher mode, with a class path of the gomd.client and gomd.core jars and nothing
     * else: no OSGi framework, no logging library. It prints each record as
     * {@code SOURCE KEY=VALUE...} (SOURCE: the request's second word) and each text line as
     * {@code text LINE}.
     */
    private static Run javaProgram(int port, String... requests) throws Exception {
        Path source = tmp.resolve("ReadNode.java");
        Files.writeString(source, """
                import gomd.client.GomdClient;
                import gomd.core.api.Record;
                import gomd.core.api.Result;
                import gomd.core.api.ResultItem;
                import gomd.core.api.Text;

                public class ReadNode {
                    public static void main(String[] args) throws Exception {
                        try (GomdClient node = GomdClient.connect(args[0], Integer.parseInt(args[1]))) {
                            for (int i = 2; i < args.length; i++) {
                                Result r = node.run(args[i]);
                                if (!r.isOk()) {
                                    System.err.println(args[i] + ": " + r.error().get().code() + " " + r.error().get().getMessage());
                                    System.exit(1);
                                }
                                String source = args[i].split(" ")[1];
                                for (ResultItem item : r.items()) {
                                    if (item instanceof Text t) {
                                        System.out.println("text " + t.line());
                                    } else {
                                        StringBuilder line = new StringBuilder(source);
                                        ((Record) item).fields().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                                        System.out.println(line);
                                    }
                                }
                            }
                        }
                    }
                }
                """);
        String classPath = jar("gomd.client") + ":" + jar("gomd.core");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, source.toString(), "127.0.0.1",
                String.valueOf(port)));
        command.addAll(List.of(requests));
        return exec(command, tmp, Map.of());
    }

    private static Path jar(String module) throws IOException {
        Path target = Distribution.repo().resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(Pattern.quote(module) + "-[0-9].*\\.jar")
                            && !p.getFileName().toString().contains("-sources"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar in " + target
                            + ": build it first (mvn -DskipTests install -pl " + module + " -am)"));
        }
    }

    private static String gomdTop() throws IOException {
        jar("gomd.top"); // built by the reactor before this module; say so clearly if not
        return Distribution.repo().resolve("gomd-top").toString();
    }

    private static Map<String, String> topEnv() {
        return Map.of("GOMD_SKIP_BUILD", "1", "NO_COLOR", "1", "COLUMNS", "200");
    }

    private static Path python() {
        return Distribution.repo().resolve("clients/python");
    }

    // ---- output ---------------------------------------------------------------------------

    /** One line of "SOURCE KEY=VALUE ..." (example.py's format and the Java program's). */
    private record Line(String source, Map<String, String> values) {
    }

    private static List<Line> parse(String out) {
        List<Line> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.isBlank() || l.startsWith("text ")) {
                continue;
            }
            String[] words = l.split(" ");
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                values.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
            lines.add(new Line(words[0], values));
        }
        assertThat(lines).as(out).isNotEmpty();
        return lines;
    }

    /** Sources and keys, in order. */
    private static List<String> shape(List<Line> lines) {
        return lines.stream().map(l -> l.source + " " + l.values.keySet()).toList();
    }

    private static List<String> stable(List<Line> lines) {
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            l.values.forEach((k, v) -> {
                if (STABLE_KEYS.contains(k)) {
                    out.add(l.source + " " + k + "=" + v);
                }
            });
        }
        return out;
    }

    private static String tableRow(String table, String node) {
        return table.lines().filter(l -> l.startsWith(node + " ")).findFirst().orElse("(no row for " + node + ")");
    }

    /** A node's screen line with its load bar: it answered in that refresh. */
    private static boolean upLine(String frame, String node) {
        return frame.lines().anyMatch(l -> l.startsWith(node + " ") && l.contains("["));
    }

    /** The screens drawn so far: each starts with cursor-home. */
    private static List<String> frames(Path screen) throws IOException {
        String all = Files.readString(screen, StandardCharsets.UTF_8);
        List<String> frames = new ArrayList<>();
        String[] parts = all.split("\u001b\\[H", -1);
        // the last part may be a frame still being written: only frames that end with clear-to-end count
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].contains("\u001b[J")) {
                frames.add(parts[i].replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", ""));
            }
        }
        return frames;
    }

    /** Waits for the first frame at index {@code from} or later that matches; returns its index. */
    private static int awaitFrame(Path screen, int from, java.util.function.Predicate<String> match, Duration limit)
            throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            List<String> frames = frames(screen);
            for (int i = from; i < frames.size(); i++) {
                if (match.test(frames.get(i))) {
                    return i;
                }
            }
            Thread.sleep(100);
        }
        List<String> frames = frames(screen);
        throw new AssertionError("no matching gomd-top frame from #" + from + " within " + limit.toSeconds()
                + " s; last frame:\n" + (frames.isEmpty() ? Files.readString(screen) : frames.get(frames.size() - 1)));
    }

    // ---- processes ------------------------------------------------------------------------

    private record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n---- stdout\n" + stdout + "---- stderr\n" + stderr;
        }
    }

    private static Run exec(List<String> command, Path dir, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + PROCESS_TIMEOUT.toSeconds() + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
