package gomd.core.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NodeSettingsTest {

    private final Map<String, String> system = new HashMap<>(Map.of("user.dir", "/work/dir"));
    private final List<String> problems = new ArrayList<>();

    private NodeSettings parse(Map<String, ?> config, NodeSettings lastGood) {
        return NodeSettings.parse(config, system::get, lastGood, problems::add);
    }

    private NodeSettings defaults() {
        return NodeSettings.defaults(system::get);
    }

    @Test
    void withNothingConfiguredTheDefaultsApply() throws Exception {
        NodeSettings s = parse(Map.of(), defaults());
        assertThat(s).isEqualTo(new NodeSettings(InetAddress.getByName("127.0.0.1"), 9889, 0, 60, 4096, 64, 8,
                4194304, Path.of("/work/dir")));
        assertThat(problems).isEmpty();
    }

    @Test
    void homeDefaultsToTheKarafBase() {
        system.put("karaf.base", "/opt/gomd/instances/a/");
        assertThat(parse(Map.of(), defaults()).home()).isEqualTo(Path.of("/opt/gomd/instances/a"));
    }

    @Test
    void valuesAreReadFromStringsAsInCfgFilesOrTyped() throws Exception {
        NodeSettings s = parse(Map.of("console.bind", " 0.0.0.0 ", "console.port", "9900", "node.id", 12,
                "console.idleTimeout", 5L, "console.maxLineLength", "128", "console.maxConnections", "3",
                "console.maxConnectionsPerAddress", "2", "console.maxAnswerBytes", "2048", "home", "/srv/gomd",
                "felix.fileinstall.filename", "file:/x/etc/gomd.core.cfg"), defaults());
        assertThat(s).isEqualTo(new NodeSettings(InetAddress.getByName("0.0.0.0"), 9900, 12, 5, 128, 3, 2, 2048,
                Path.of("/srv/gomd")));
        assertThat(problems).isEmpty();
        assertThat(parse(Map.of("console.bind", "::"), defaults()).bind()).isEqualTo(InetAddress.getByName("::"));
    }

    @Test
    void anInvalidValueIsReportedWithItsKeyAndTheLastGoodValueOfThatKeyKept() {
        NodeSettings good = parse(Map.of("console.port", "9900", "console.idleTimeout", "30"), defaults());
        NodeSettings next = parse(Map.of("console.port", "99999", "console.idleTimeout", "45",
                "console.bind", "localhost", "console.maxLineLength", "lots", "node.id", "-1", "home", " "), good);

        assertThat(next.port()).isEqualTo(9900);
        assertThat(next.idleTimeoutSeconds()).as("a valid key beside bad ones still applies").isEqualTo(45);
        assertThat(next.bind()).isEqualTo(good.bind());
        assertThat(next.maxLineLength()).isEqualTo(4096);
        assertThat(next.nodeId()).isZero();
        assertThat(next.home()).as("blank means not set").isEqualTo(Path.of("/work/dir"));
        assertThat(problems).containsExactly(
                "console.bind=localhost is invalid: not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1); keeping 127.0.0.1",
                "console.port=99999 is invalid: not in 0..65535; keeping 9900",
                "node.id=-1 is invalid: not in 0..65535; keeping 0",
                "console.maxLineLength=lots is invalid: not a whole number in 64..1048576; keeping 4096");
    }

    @Test
    void addressesMustBeLiteralsSoNothingIsLookedUp() {
        for (String bad : List.of("256.1.1.1", "1.2.3", "1234", "example.org", "::g", "1.2.3.4.5")) {
            problems.clear();
            parse(Map.of("console.bind", bad), defaults());
            assertThat(problems).as(bad).hasSize(1);
        }
    }

    @Test
    void commandLineOverridesWinOverTheFile() {
        system.putAll(Map.of("gomd.port", "22990", "gomd.bind", "127.0.0.5", "gomd.node.id", "3", "gomd.home", "/tmp/n1"));
        NodeSettings s = parse(Map.of("console.port", "9900", "console.bind", "0.0.0.0", "node.id", "4", "home", "/x"),
                defaults());
        assertThat(s.port()).isEqualTo(22990);
        assertThat(s.bind().getHostAddress()).isEqualTo("127.0.0.5");
        assertThat(s.nodeId()).isEqualTo(3);
        assertThat(s.home()).isEqualTo(Path.of("/tmp/n1"));
        assertThat(problems).containsExactly(
                "console.bind=0.0.0.0 is overridden by -Dgomd.bind=127.0.0.5 (command line)",
                "console.port=9900 is overridden by -Dgomd.port=22990 (command line)",
                "node.id=4 is overridden by -Dgomd.node.id=3 (command line)",
                "home=/x is overridden by -Dgomd.home=/tmp/n1 (command line)");
        problems.clear();
        parse(Map.of("console.port", "22990"), defaults());
        assertThat(problems).as("the same value is no news").isEmpty();
    }

    @Test
    void anInvalidOverrideIsReportedAndTheFileUsed() {
        system.put("gomd.port", "http");
        assertThat(parse(Map.of("console.port", "9900"), defaults()).port()).isEqualTo(9900);
        assertThat(problems).containsExactly(
                "-Dgomd.port=http (command line) is invalid: not a whole number in 0..65535; using console.port from the configuration");
    }
}
