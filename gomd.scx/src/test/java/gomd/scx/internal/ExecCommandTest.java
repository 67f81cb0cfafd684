package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import gomd.core.api.AccessDecision;
import gomd.core.api.AccessPolicy;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.FrontEnd;
import gomd.core.api.InternalRequest;
import gomd.core.api.Permission;
import gomd.core.api.Record;
import gomd.core.api.Result;

/** {@code exec} as a caller sees it: output lines, the outcome record, the error code. */
class ExecCommandTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private ScxEngine engine;
    private final ExecCommand exec = new ExecCommand();
    private Path hang;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        hang = root.resolve("bin/hang");
        Files.writeString(hang, "#!/bin/sh\necho $$\nsleep 300 &\necho $!\nwait\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
        engine = TestNodes.engine(root, 1, """
                echo *:SCX_NO_ACL_CHECK_REQUIRED
                true:SCX_NO_ACL_CHECK_REQUIRED
                false:SCX_NO_ACL_CHECK_REQUIRED
                seq *:SCX_NO_ACL_CHECK_REQUIRED
                id -u:SCX_ACL_CHECK_REQUIRED
                %s:SCX_NO_ACL_CHECK_REQUIRED
                """.formatted(hang), Map.of("exec.maxTimeout", 30, "argv.maxWords", 20, "argv.maxBytes", 200,
                "output.maxBytesPerNode", 1024));
        exec.engines = TestNodes.objects(engine);
    }

    @AfterEach
    void stop() {
        engine.deactivate();
    }

    private Result exec(String line) throws CommandException {
        return TestNodes.run(exec, TestNodes.request("exec " + line, LOOPBACK));
    }

    private Result execArgs(String... args) {
        return TestNodes.run(exec, new InternalRequest("exec", List.of(args), "exec", LOOPBACK, "shell-user",
                FrontEnd.SHELL));
    }

    private static Optional<ErrorCode> code(Result r) {
        return r.error().map(CommandException::code);
    }

    static Stream<Arguments> injections() {
        return Stream.of(
                Arguments.of("echo 'a;b'", "a;b"),
                Arguments.of("echo a;b", "a;b"),
                Arguments.of("echo a ; id", "a ; id"),
                Arguments.of("echo a && id", "a && id"),
                Arguments.of("echo a || id", "a || id"),
                Arguments.of("echo a | id", "a | id"),
                Arguments.of("echo `id`", "`id`"),
                Arguments.of("echo $(id)", "$(id)"),
                Arguments.of("echo \"$(id)\"", "$(id)"),
                Arguments.of("echo ${PATH} $HOME ~", "${PATH} $HOME ~"),
                Arguments.of("echo * /etc/*.conf ? [a-z]", "* /etc/*.conf ? [a-z]"),
                Arguments.of("echo a > /tmp/gomd-scx-injected", "a > /tmp/gomd-scx-injected"),
                Arguments.of("echo a &", "a &"),
                Arguments.of("echo 'a\\nb'", "a\\nb"),
                Arguments.of("/usr/bin/echo x", "x"));
    }

    @ParameterizedTest(name = "exec {0}")
    @MethodSource("injections")
    void shellSyntaxIsPlainArguments(String command, String printed) throws Exception {
        Result r = exec(command);
        assertThat(r.lines()).containsExactly(printed);
        assertThat(r.isOk()).isTrue();
        Record outcome = r.records().get(0);
        assertThat(outcome.fields()).containsEntry("NODE", "1").containsEntry("NAME", "n1")
                .containsEntry("STATE", "EXITED").containsEntry("EXIT", "0").containsEntry("CUT", "no");
        assertThat(Path.of("/tmp/gomd-scx-injected")).doesNotExist();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("sh -c id", ErrorCode.DENIED),
                Arguments.of("'echo a; id'", ErrorCode.DENIED), // one word: no such program, and blocked
                Arguments.of("id", ErrorCode.DENIED), // only "id -u" is listed
                Arguments.of("no-such-program-x", ErrorCode.DENIED), // blocked, so it never says it is missing
                Arguments.of("../bin/echo x", ErrorCode.BAD_REQUEST),
                Arguments.of("bin/echo x", ErrorCode.BAD_REQUEST),
                Arguments.of("./echo x", ErrorCode.BAD_REQUEST),
                Arguments.of("/usr/bin/../bin/echo x", ErrorCode.BAD_REQUEST),
                Arguments.of("echo " + "w ".repeat(20), ErrorCode.TOO_LARGE),
                Arguments.of("echo " + "x".repeat(201), ErrorCode.TOO_LARGE),
                Arguments.of("-t 31 true", ErrorCode.BAD_REQUEST),
                Arguments.of("-b true", ErrorCode.BAD_REQUEST),
                Arguments.of("", ErrorCode.BAD_REQUEST));
    }

    @ParameterizedTest(name = "exec {0} -> {1}")
    @MethodSource("refusals")
    void refused(String command, ErrorCode expected) throws Exception {
        Result r = exec(command);
        assertThat(code(r)).contains(expected);
        assertThat(r.items()).as("nothing ran").isEmpty();
        if (expected == ErrorCode.DENIED) {
            assertThat(r.error().orElseThrow().getMessage()).isEqualTo("not allowed by the SCX policy of node #1");
        }
    }

    @Test
    void controlCharactersFromOtherFrontEndsAreRefused() {
        assertThat(code(execArgs("echo", "a\nid"))).contains(ErrorCode.BAD_REQUEST);
        assertThat(code(execArgs("echo", "a\u0000b"))).contains(ErrorCode.BAD_REQUEST);
        assertThat(code(execArgs("echo\u0000", "x"))).contains(ErrorCode.BAD_REQUEST);
        assertThat(code(execArgs("echo", "tab\tok"))).isEmpty();
    }

    @Test
    void nonZeroExitIsFailedWithTheRecord() throws Exception {
        Result r = exec("false");
        assertThat(code(r)).contains(ErrorCode.FAILED);
        assertThat(r.error().orElseThrow().getMessage()).isEqualTo("exit code 1");
        assertThat(r.records().get(0).fields()).containsEntry("STATE", "EXITED").containsEntry("EXIT", "1");
    }

    @Test
    void hangingProgramIsKilledAtItsTimeoutWithItsChildren() throws Exception {
        Result r = exec("-t 1 " + hang);
        assertThat(code(r)).contains(ErrorCode.TIMEOUT);
        assertThat(r.error().orElseThrow().getMessage()).isEqualTo("killed at its timeout of 1 s");
        assertThat(r.records().get(0).fields()).containsEntry("STATE", "TIMEOUT").containsEntry("EXIT", "137");
        assertThat(r.lines()).hasSize(2).allSatisfy(pid ->
                assertThat(ProcessTree.isRunning(Long.parseLong(pid))).as("pid %s", pid).isFalse());
    }

    @Test
    void outputIsCutPerNodeWithAMarkerAndTheProgramStillRunsToItsEnd() throws Exception {
        Result r = exec("seq 1000"); // 3893 bytes
        assertThat(r.isOk()).isTrue();
        List<String> lines = r.lines();
        assertThat(lines).last().isEqualTo("[gomd: output cut: more than 1024 bytes from this node]");
        // "1" to "283", each with its line end, make 1024 bytes
        assertThat(lines.subList(0, lines.size() - 1)).hasSize(283)
                .first().isEqualTo("1");
        assertThat(r.records().get(0).fields()).containsEntry("CUT", "yes").containsEntry("BYTES", "3893")
                .containsEntry("EXIT", "0");
    }

    @Test
    void aclFlagNeedsAdminInTheAcl() throws Exception {
        assertThat(exec("id -u").isOk()).as("loopback caller, no gomd.acl: core's default lets it").isTrue();
        engine.accessPolicy = TestNodes.objects(policy(Permission.EXEC_LOCAL, Permission.EXEC_CLUSTER));
        assertThat(code(exec("id -u"))).contains(ErrorCode.DENIED);
        assertThat(exec("true").isOk()).as("SCX_NO_ACL_CHECK_REQUIRED needs nothing more").isTrue();
        engine.accessPolicy = TestNodes.objects(policy(Permission.EXEC_LOCAL, Permission.ADMIN));
        assertThat(exec("id -u").isOk()).isTrue();
        engine.accessPolicy = null;
        Result remote = TestNodes.run(exec, TestNodes.request("exec id -u", InetAddress.getByName("10.9.8.7")));
        assertThat(code(remote)).as("not loopback and no gomd.acl").contains(ErrorCode.DENIED);
    }

    @Test
    void policyChangesApplyAtTheNextRefresh() throws Exception {
        assertThat(code(exec("ls /"))).contains(ErrorCode.DENIED);
        Files.writeString(root.resolve("node1/etc/gomd/scx.conf"), "SCX_ALL_CMDS_ALLOWED:SCX_NO_ACL_CHECK_REQUIRED\n");
        engine.refresh();
        assertThat(exec("ls /").isOk()).isTrue();
        assertThat(code(exec("no-such-program-x"))).as("allowed, so now it may say").contains(ErrorCode.NOT_FOUND);
        Files.writeString(root.resolve("node1/etc/gomd/scx.conf"), "ls:SCX_BROKEN\n");
        engine.refresh();
        assertThat(exec("ls /").isOk()).as("a broken file keeps the last good policy").isTrue();
    }

    @Test
    void busyWhenEveryRunSlotIsTaken() throws Exception {
        engine.modified(TestNodes.config(Map.of("exec.maxRunning", 1, "exec.maxTimeout", 30)));
        CountDownLatch running = new CountDownLatch(1);
        Thread blocker = new Thread(() -> {
            try {
                engine.run(List.of(hang.toString()), new Caller(LOOPBACK, "blocker"), Duration.ofSeconds(8),
                        line -> running.countDown(), () -> false);
            } catch (CommandException e) {
                throw new AssertionError(e);
            }
        });
        blocker.start();
        try {
            running.await();
            Result r = exec("-t 1 true"); // waits for a slot as long as its timeout, at most 5 s
            assertThat(code(r)).contains(ErrorCode.BUSY);
            assertThat(r.error().orElseThrow().getMessage()).isEqualTo("too many programs running on node #1");
        } finally {
            blocker.join();
        }
        assertThat(exec("true").isOk()).isTrue();
    }

    private static AccessPolicy policy(Permission... granted) {
        List<Permission> g = List.of(granted);
        return new AccessPolicy() {
            @Override
            public AccessDecision admit(InetAddress caller) {
                return AccessDecision.allow("test");
            }

            @Override
            public AccessDecision decide(InetAddress caller, Permission permission, String command) {
                return g.contains(permission) ? AccessDecision.allow("test grants " + permission)
                        : AccessDecision.deny("test denies " + permission);
            }
        };
    }
}
