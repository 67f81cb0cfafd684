package gomd.itests.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import gomd.itests.harness.Answer;
import gomd.itests.harness.Distribution;
import gomd.itests.harness.GomdConsole;

/**
 * Two daemons from one install, each with its own --home and console port (A's from --port, B's
 * from its etc/gomd.core.cfg), started, queried and stopped with the launcher as an admin does:
 * {@code gomd --home DIR --port N}, {@code gomd status}, {@code gomd client}, {@code gomd stop}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SideBySideIT {

    static final int PORT_A = 22020;
    static final int PORT_B = 22030;
    static Path homeA;
    static Path homeB;

    @BeforeAll
    static void startBoth() throws Exception {
        Path base = Path.of(System.getProperty("gomd.nodes.dir", "target/nodes")).resolve("SideBySideIT");
        homeA = base.resolve("a");
        homeB = base.resolve("b");
        for (Path h : List.of(homeA, homeB)) {
            gomd("stop", "--home", h.toString());
            deleteTree(h);
        }
        Shell a = gomd("--home", homeA.toString(), "--port", Integer.toString(PORT_A), "--node-id", "21");
        assertThat(a.exitCode()).as(a.toString()).isZero();
        assertThat(a.output()).contains("gomd started: pid ", "console 127.0.0.1:" + PORT_A);
        // B's port comes from its configuration file, not the command line: its SSH and JMX
        // ports must follow it, and the launcher must wait on it.
        Files.createDirectories(homeB.resolve("etc"));
        Files.writeString(homeB.resolve("etc/gomd.core.cfg"), "console.port = " + PORT_B + "\n");
        Shell b = gomd("--home", homeB.toString(), "--node-id", "22");
        assertThat(b.exitCode()).as(b.toString()).isZero();
        assertThat(b.output()).contains("console 127.0.0.1:" + PORT_B, "ssh 127.0.0.1:" + (PORT_B + 1));
    }

    @AfterAll
    static void stopBoth() throws Exception {
        for (Path h : List.of(homeA, homeB)) {
            if (h != null) {
                gomd("stop", "--home", h.toString());
            }
        }
    }

    @Test
    @Order(1)
    void bothAnswerAsTheirOwnNode() throws Exception {
        assertThat(banner(PORT_A)).contains("Here is node #21");
        assertThat(banner(PORT_B)).contains("Here is node #22");
        for (int port : new int[] {PORT_A, PORT_B}) {
            try (GomdConsole c = GomdConsole.connect("127.0.0.1", port)) {
                // a daemon counts as started when its port is open: the first sample may be a moment later
                Answer load = c.askUntilAvailable("get load", Duration.ofSeconds(30));
                assertThat(load.ok()).as(load.toString()).isTrue();
                assertThat(load.value("LOAD")).matches("\\d+(\\.\\d+)?");
            }
        }
    }

    @Test
    @Order(2)
    void eachHasItsOwnHome() throws Exception {
        for (Path h : List.of(homeA, homeB)) {
            assertThat(h.resolve("etc/org.apache.karaf.features.cfg")).isRegularFile();
            assertThat(h.resolve("data/cache")).isDirectory();
            assertThat(h.resolve("log/karaf.log")).isRegularFile();
            assertThat(h.resolve("karaf.pid")).isRegularFile();
        }
        assertThat(cfg(homeA, "org.apache.karaf.shell.cfg", "sshPort")).isEqualTo(Integer.toString(PORT_A + 1));
        assertThat(cfg(homeB, "org.apache.karaf.shell.cfg", "sshPort")).isEqualTo(Integer.toString(PORT_B + 1));
        assertThat(cfg(homeB, "org.apache.karaf.management.cfg", "rmiRegistryPort")).isEqualTo(Integer.toString(PORT_B + 2));
        assertThat(cfg(homeB, "org.apache.karaf.management.cfg", "rmiServerPort")).isEqualTo(Integer.toString(PORT_B + 3));
        // the shared install is left as it was
        assertThat(cfg(Distribution.home(), "org.apache.karaf.shell.cfg", "sshPort")).isEqualTo("9890");
        assertThat(Distribution.home().resolve("karaf.pid")).doesNotExist();
        assertThat(Files.readString(homeA.resolve("etc/users.properties")))
                .isNotEqualTo(Files.readString(homeB.resolve("etc/users.properties")));
    }

    @Test
    @Order(3)
    void statusSaysRunning() throws Exception {
        Shell status = gomd("status", "--home", homeA.toString());
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.output()).startsWith("gomd running: pid ");
    }

    @Test
    @Order(4)
    void karafShellOverSshRunsGomdCommands() throws Exception {
        Shell get = gomd("client", "--home", homeA.toString(), "gomd:get load");
        assertThat(get.exitCode()).as(get.toString()).isZero();
        assertThat(get.output()).containsPattern("(?m)^LOAD: +\\d").containsPattern("(?m)^LOAD15: +\\d");

        Shell bad = gomd("client", "--home", homeA.toString(), "gomd:get no-such-collector");
        assertThat(bad.exitCode()).as(bad.toString()).isNotZero();
        assertThat(bad.output()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(bad.output().strip().lines()).as(bad.toString()).hasSize(1);
    }

    @Test
    @Order(5)
    void everyGomdFeatureInstallsOfflineAtRunTime() throws Exception {
        Shell list = gomd("client", "--home", homeB.toString(), "feature:list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        List<String> seen = new ArrayList<>();
        List<String> notInstalled = new ArrayList<>();
        for (String line : list.output().lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length > 3 && cells[0].strip().startsWith("gomd-")) {
                seen.add(cells[0].strip());
                if (cells[3].strip().equals("Uninstalled")) {
                    notInstalled.add(cells[0].strip());
                }
            }
        }
        assertThat(seen).as(list.output()).contains("gomd-core", "gomd-shell").doesNotHaveDuplicates();
        assertThat(notInstalled).as(list.output()).doesNotContain("gomd-core", "gomd-shell");
        for (String feature : notInstalled) {
            Shell install = gomd("client", "--home", homeB.toString(), "feature:install " + feature);
            assertThat(install.exitCode()).as(feature + ": " + install).isZero();
            Shell after = gomd("client", "--home", homeB.toString(), "feature:list -i");
            assertThat(after.output()).as(after.toString()).containsPattern("(?m)^" + feature + " +\\|");
            Shell uninstall = gomd("client", "--home", homeB.toString(), "feature:uninstall " + feature);
            assertThat(uninstall.exitCode()).as(feature + ": " + uninstall).isZero();
        }
    }

    @Test
    @Order(6)
    void stoppingOneLeavesTheOther() throws Exception {
        Shell stop = gomd("stop", "--home", homeA.toString());
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(gomd("status", "--home", homeA.toString()).exitCode()).isEqualTo(3);
        assertThat(homeA.resolve("karaf.pid")).doesNotExist();
        try (GomdConsole c = GomdConsole.connect("127.0.0.1", PORT_B)) {
            assertThat(c.ask("get load").ok()).isTrue();
        }
        assertThat(gomd("status", "--home", homeB.toString()).exitCode()).isZero();
    }

    @Test
    @Order(7)
    void aHomeStartedAfterTheDistributionChangedRunsTheNewBundles() throws Exception {
        // as if A had last run an older build: Karaf would restart the bundles it cached then
        Files.writeString(homeA.resolve("data/gomd-dist.id"), "an older build\n");
        Path kept = Files.writeString(Files.createDirectories(homeA.resolve("data/gomd")).resolve("kept"), "x");

        Shell a = gomd("--home", homeA.toString(), "--port", Integer.toString(PORT_A));
        try {
            assertThat(a.exitCode()).as(a.toString()).isZero();
            assertThat(a.output()).contains("renewing its bundle cache");
            assertThat(kept).hasContent("x");
            assertThat(Files.readString(homeA.resolve("data/gomd-dist.id"))).isNotEqualTo("an older build\n");
            try (GomdConsole c = GomdConsole.connect("127.0.0.1", PORT_A)) {
                assertThat(c.askUntilAvailable("get load", Duration.ofSeconds(30)).ok()).isTrue();
            }
        } finally {
            gomd("stop", "--home", homeA.toString());
        }
        Shell again = gomd("--home", homeA.toString(), "--port", Integer.toString(PORT_A));
        try {
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.output()).as("same distribution: the cache stays").doesNotContain("renewing");
        } finally {
            gomd("stop", "--home", homeA.toString());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    static Shell gomd(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Distribution.home().resolve("bin/gomd").toString());
        cmd.addAll(List.of(args));
        return Shell.run(Distribution.home(), cmd.toArray(String[]::new));
    }

    static List<String> banner(int port) throws Exception {
        try (GomdConsole telnet = GomdConsole.raw("127.0.0.1", port)) {
            return List.of(telnet.readLine(), telnet.readLine(), telnet.readLine());
        }
    }

    static String cfg(Path home, String file, String key) throws Exception {
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=\\s*(.*?)\\s*$");
        String value = null;
        for (String line : Files.readAllLines(home.resolve("etc").resolve(file), StandardCharsets.UTF_8)) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                value = m.group(1);
            }
        }
        return value;
    }

    static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
