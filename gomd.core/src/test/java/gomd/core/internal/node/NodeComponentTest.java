package gomd.core.internal.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.AccessDecision;
import gomd.core.api.AccessPolicy;
import gomd.core.api.Permission;
import gomd.core.internal.registry.Registries;

/** The component as DS drives it: activate, modified, deactivate, seen through LocalNode and the console. */
class NodeComponentTest {

    private final Map<String, String> system = new HashMap<>(Map.of("user.dir", "/work/dir"));
    private final NodeComponent node = new NodeComponent(system::get);

    private NodeComponent activate(Map<String, Object> config) {
        node.registry = Registries.empty();
        node.activate(config);
        return node;
    }

    @AfterEach
    void deactivate() {
        node.deactivate();
    }

    /** The banner lines of a new session. */
    private static String[] banner(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8));
            return new String[] {in.readLine(), in.readLine(), in.readLine()};
        }
    }

    @Test
    void theConsoleServesWhatTheConfigurationSays() throws Exception {
        activate(Map.of("console.port", "0", "node.id", "42", "console.idleTimeout", "30", "home", "/srv/n"));
        assertThat(node.consolePort()).isPositive();
        assertThat(node.consoleAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(node.number()).isEqualTo(42);
        assertThat(node.home()).isEqualTo(Path.of("/srv/n"));
        String[] banner = banner(node.consolePort());
        assertThat(banner[0]).startsWith("Welcome to gomd at " + node.hostName() + " from 127.0.0.1:");
        assertThat(banner[1]).isEqualTo("Here is node #42");
        assertThat(banner[2]).isEqualTo("Timeout set to: 30 s");
    }

    @Test
    void aReloadAppliesNewValuesAndMovesTheConsole() throws Exception {
        activate(Map.of("console.port", "20111", "node.id", "5"));
        assertThat(node.consolePort()).isEqualTo(20111);
        node.modified(Map.of("console.port", "20112", "node.id", "6"));
        assertThat(node.consolePort()).isEqualTo(20112);
        assertThat(banner(20112)[1]).isEqualTo("Here is node #6");
    }

    @Test
    void anInvalidReloadKeepsTheLastGoodValues() throws Exception {
        activate(Map.of("console.port", "20121", "node.id", "5"));
        node.modified(Map.of("console.port", "not-a-port", "node.id", "7"));
        assertThat(node.consolePort()).isEqualTo(20121);
        assertThat(banner(20121)[1]).isEqualTo("Here is node #7");
    }

    @Test
    void aPortInUseOnReloadKeepsTheConsoleWhereItWas() throws Exception {
        activate(Map.of("console.port", "20131"));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(20132, 1, InetAddress.getLoopbackAddress())) {
            node.modified(Map.of("console.port", "20132"));
            assertThat(node.consolePort()).isEqualTo(20131);
            assertThat(banner(20131)[1]).startsWith("Here is node #");
        }
        // the next reload tries the wanted port again
        node.modified(Map.of("console.port", "20132"));
        assertThat(node.consolePort()).isEqualTo(20132);
    }

    @Test
    void theLauncherOverridesWin() {
        system.put("gomd.port", "0");
        system.put("gomd.node.id", "9");
        activate(Map.of("console.port", "9889", "node.id", "1"));
        assertThat(node.consolePort()).isNotEqualTo(9889);
        assertThat(node.number()).isEqualTo(9);
    }

    @Test
    void anAccessPolicyDecidesWhoGetsASession() throws Exception {
        activate(Map.of("console.port", "0"));
        node.accessPolicy = new AccessPolicy() {
            @Override
            public AccessDecision admit(InetAddress caller) {
                return AccessDecision.deny("nobody today");
            }

            @Override
            public AccessDecision decide(InetAddress caller, Permission permission, String command) {
                return AccessDecision.deny("nobody today");
            }
        };
        assertThat(banner(node.consolePort())[0]).isEqualTo("(ERROR:DENIED)(MESSAGE:access denied)");
        node.accessPolicy = null; // gomd.acl uninstalled: back to loopback only, never "allow all"
        assertThat(banner(node.consolePort())[0]).startsWith("Welcome to gomd");
    }
}
