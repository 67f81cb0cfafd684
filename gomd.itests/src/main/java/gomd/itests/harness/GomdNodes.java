package gomd.itests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension that owns the nodes of a test class: homes under
 * {@code target/nodes/CLASS/NAME}, emptied before first use in a run and kept afterwards for
 * post-mortems; every node stopped after each test (instance field) or after the class
 * (static field); the tail of every node's output and log printed when a test fails.
 *
 * <pre>
 * &#64;RegisterExtension
 * static GomdNodes nodes = new GomdNodes();      // nodes live for the whole class
 *
 * &#64;Test
 * void twoNodes() throws Exception {
 *     GomdNode a = nodes.start("a", 22100);
 *     GomdNode b = nodes.builder("b", 22110).feature("gomd-acl").start();
 *     ...
 * }
 * </pre>
 */
public final class GomdNodes implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        TestWatcher {

    private final List<GomdNode> nodes = new ArrayList<>();
    private final Set<Path> cleaned = new HashSet<>();
    private Path classDir;
    private boolean perClass;

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        classDir(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        classDir(context);
    }

    /** A builder for a node named {@code name} (its home directory) with console port {@code port}. */
    public GomdNode.Builder builder(String name, int port) {
        return GomdNode.builder(home(name), port);
    }

    /** Starts a node with launcher options (see {@link GomdNode#start(Path, int, String...)}). */
    public GomdNode start(String name, int port, String... launcherOptions) {
        return track(GomdNode.start(home(name), port, launcherOptions));
    }

    /** Builds and starts a node made with {@link #builder}. */
    public GomdNode start(GomdNode.Builder builder) {
        return track(builder.start());
    }

    /** The home of node {@code name}: emptied the first time it is asked for in this run. */
    public synchronized Path home(String name) {
        if (classDir == null) {
            throw new IllegalStateException("GomdNodes is not registered: use @RegisterExtension");
        }
        Path home = classDir.resolve(name);
        if (cleaned.add(home)) {
            delete(home);
        }
        return home;
    }

    /** Every node started through this extension. */
    public synchronized List<GomdNode> nodes() {
        return List.copyOf(nodes);
    }

    private synchronized GomdNode track(GomdNode node) {
        nodes.add(node);
        return node;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (GomdNode n : nodes()) {
            System.err.println(n.diagnostics(60));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stopAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
    }

    private synchronized void stopAll() {
        nodes.forEach(GomdNode::close);
        nodes.clear();
    }

    private synchronized void classDir(ExtensionContext context) {
        if (classDir == null) {
            Path base = Path.of(System.getProperty("gomd.nodes.dir", "target/nodes")).toAbsolutePath();
            classDir = base.resolve(context.getRequiredTestClass().getSimpleName());
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
