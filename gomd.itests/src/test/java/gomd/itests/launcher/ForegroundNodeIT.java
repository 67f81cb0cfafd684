package gomd.itests.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import gomd.itests.harness.Answer;
import gomd.itests.harness.Distribution;
import gomd.itests.harness.GomdConsole;
import gomd.itests.harness.GomdNode;
import gomd.itests.harness.GomdNodes;

/**
 * The README's first command, {@code ./gomd -n} (with a test home and port): the node it starts
 * greets a telnet user, answers, refuses HTTP, and stops on Ctrl-C.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForegroundNodeIT {

    static final int PORT = 22010;

    @RegisterExtension
    static GomdNodes nodes = new GomdNodes();

    static GomdNode node;

    static GomdNode node() {
        if (node == null) {
            node = nodes.start(nodes.builder("readme", PORT).launcher(Distribution.repo().resolve("gomd")));
        }
        return node;
    }

    @Test
    @Order(1)
    void greetsATelnetUserAndAnswers() throws Exception {
        try (GomdConsole telnet = GomdConsole.raw("127.0.0.1", node().port())) {
            List<String> banner = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                banner.add(telnet.readLine());
            }
            assertThat(banner.get(0)).matches("Welcome to gomd at \\S+ from 127\\.0\\.0\\.1:\\d+");
            assertThat(banner.get(1)).matches("Here is node #\\d+");
            assertThat(banner.get(2)).isEqualTo("Timeout set to: 60 s");
            String prompt = telnet.readUntil(" # ");
            assertThat(prompt).matches("gomd@\\S+ # ");

            telnet.send("get load");
            String load = telnet.readLine();
            assertThat(load).matches("\\(LOAD:\\d+(\\.\\d+)?\\)\\(LOAD5:\\d+(\\.\\d+)?\\)\\(LOAD15:\\d+(\\.\\d+)?\\)");
            assertThat(telnet.readLine()).isEqualTo("(OK)");
            assertThat(telnet.readUntil(" # ")).isEqualTo(prompt);

            telnet.send("help");
            List<String> help = new ArrayList<>();
            for (String line = telnet.readLine(); !Answer.isTerminator(line); line = telnet.readLine()) {
                help.add(line);
            }
            assertThat(help).anyMatch(l -> l.startsWith("get - "));
            telnet.readUntil(" # ");

            telnet.send("no-such-command");
            assertThat(telnet.readLine()).startsWith("(ERROR:UNKNOWN_COMMAND)(MESSAGE:");
            telnet.readUntil(" # ");

            telnet.send("quit");
            assertThat(telnet.readLine()).isEqualTo("closing session");
            assertThat(telnet.closedByServer()).isTrue();
        }
    }

    @Test
    @Order(2)
    void refusesHttp() throws Exception {
        try (GomdConsole browser = GomdConsole.raw("127.0.0.1", node().port())) {
            browser.sendBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String line;
            do {
                line = browser.readLine();
            } while (line != null && !line.startsWith("(ERROR:") && !line.startsWith("gomd@"));
            // the prompt precedes the answer on the same line when it was not turned off
            assertThat(line).isNotNull().endsWith("(ERROR:BAD_REQUEST)(MESSAGE:not an HTTP server)");
            assertThat(browser.closedByServer()).isTrue();
        }
        assertThat(node().ask("get load").ok()).as("the node still serves others").isTrue();
    }

    @Test
    @Order(3)
    void ctrlCStopsIt() throws Exception {
        long pid = node().pid();
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle != null) {
            handle.onExit().get(60, TimeUnit.SECONDS);
        }
        assertThat(node().isAlive()).isFalse();
        assertThat(Shell.run(Distribution.repo(), "./gomd", "status", "--home", node().home().toString()).exitCode())
                .as("gomd status after Ctrl-C").isEqualTo(3);
    }
}
