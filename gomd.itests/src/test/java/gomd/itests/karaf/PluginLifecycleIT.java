package gomd.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import gomd.core.api.CommandRegistry;
import gomd.itests.harness.Answer;
import gomd.itests.harness.GomdConsole;

/**
 * Inside the built distribution (Pax Exam): the line console answers, and a plugin bundle
 * installed at run time adds its command to the console and to the Karaf shell, and takes it
 * away again when it is uninstalled.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginLifecycleIT {

    static final int PORT = 22040;
    static final String PLUGIN_COMMAND = "itest-echo";

    @Inject
    BundleContext bundleContext;

    @Inject
    SessionFactory sessionFactory;

    /** Waits for core to be up: the console is open once the registry is there. */
    @Inject
    CommandRegistry registry;

    @Configuration
    public Option[] config() {
        return KarafOptions.gomd(PORT);
    }

    @ProbeBuilder
    public TestProbeBuilder probe(TestProbeBuilder probe) {
        return KarafOptions.withHarness(probe, PluginLifecycleIT.class);
    }

    @Test
    public void getLoadAnswersThreeNumbers() throws Exception {
        Answer answer;
        try (GomdConsole console = awaitConsole()) {
            answer = console.askUntilAvailable("get load", java.time.Duration.ofSeconds(30));
        }
        assertTrue(answer.toString(), answer.ok());
        for (String key : List.of("LOAD", "LOAD5", "LOAD15")) {
            String value = answer.value(key);
            assertTrue(key + "=" + value, value.matches("\\d+(\\.\\d+)?"));
        }
    }

    @Test
    public void pluginCommandComesAndGoesWithItsBundle() throws Exception {
        try (GomdConsole console = awaitConsole()) {
            assertFalse(helpLines(console).stream().anyMatch(l -> l.startsWith(PLUGIN_COMMAND)));

            Bundle plugin = bundleContext.installBundle(
                    new java.io.File(System.getProperty("gomd.itests.plugin")).toURI().toString());
            plugin.start();

            await("help lists " + PLUGIN_COMMAND, () -> helpLines(console).stream()
                    .anyMatch(l -> l.startsWith(PLUGIN_COMMAND + " - ")));
            Answer echo = console.ask(PLUGIN_COMMAND + " 'hello world'");
            assertTrue(echo.toString(), echo.ok());
            assertEquals("hello world", echo.value("ECHO"));
            assertEquals("CONSOLE", echo.value("FRONT_END"));

            await("gomd:" + PLUGIN_COMMAND + " in the Karaf shell", () -> shellCommand(PLUGIN_COMMAND) != null);
            String shellOut = runInShell("gomd:" + PLUGIN_COMMAND + " hello shell");
            assertTrue(shellOut, shellOut.contains("ECHO:"));
            assertTrue(shellOut, shellOut.contains("hello shell"));
            assertTrue(shellOut, shellOut.matches("(?s).*FRONT_END: +SHELL.*"));
            assertTrue("completion of gomd:help offers the plugin's command",
                    complete(shellCommand("help"), "gomd:help itest").contains(PLUGIN_COMMAND));

            plugin.uninstall();

            await("help no longer lists " + PLUGIN_COMMAND, () -> helpLines(console).stream()
                    .noneMatch(l -> l.startsWith(PLUGIN_COMMAND)));
            Answer gone = console.ask(PLUGIN_COMMAND + " again");
            assertEquals(gone.toString(), "UNKNOWN_COMMAND", gone.errorCode());
            await("gomd:" + PLUGIN_COMMAND + " gone from the Karaf shell", () -> shellCommand(PLUGIN_COMMAND) == null);
            try {
                runInShell("gomd:" + PLUGIN_COMMAND + " again");
                fail("the shell still runs gomd:" + PLUGIN_COMMAND);
            } catch (Exception e) {
                assertEquals("CommandNotFoundException", e.getClass().getSimpleName());
            }
        }
    }

    @Test
    public void shellPrintsErrorsAsOneLine() throws Exception {
        awaitConsole().close();
        await("gomd:get in the Karaf shell", () -> shellCommand("get") != null);
        try {
            runInShell("gomd:get no-such-collector");
            fail("gomd:get no-such-collector succeeded");
        } catch (Exception e) {
            assertEquals("CommandException", e.getClass().getSimpleName());
            assertTrue(e.getMessage(), e.getMessage().matches("[A-Z_]+: .+") && !e.getMessage().contains("\n"));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static GomdConsole awaitConsole() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                return GomdConsole.connect("127.0.0.1", PORT);
            } catch (java.io.IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static List<String> helpLines(GomdConsole console) {
        try {
            Answer help = console.ask("help");
            assertTrue(help.toString(), help.ok());
            return help.text();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Command shellCommand(String name) {
        return sessionFactory.getRegistry().getCommands().stream()
                .filter(c -> "gomd".equals(c.getScope()) && name.equals(c.getName()))
                .findFirst().orElse(null);
    }

    private String runInShell(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(null, print, print);
        try {
            session.execute(line);
        } finally {
            session.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> complete(Command command, String buffer) {
        String[] words = buffer.split(" ", -1);
        String last = words[words.length - 1];
        CommandLine line = new CommandLine() {
            public int getCursorArgumentIndex() { return words.length - 1; }
            public String getCursorArgument() { return last; }
            public int getArgumentPosition() { return last.length(); }
            public String[] getArguments() { return words; }
            public int getBufferPosition() { return buffer.length(); }
            public String getBuffer() { return buffer; }
        };
        List<String> candidates = new ArrayList<>();
        command.getCompleter(false).complete(null, line, candidates);
        return candidates.stream().map(String::strip).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
