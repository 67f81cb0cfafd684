package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ProcessRunner runner = new ProcessRunner(scheduler);
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private RunResult run(Duration timeout, String program, String... args) throws Exception {
        return runner.run(ProgramResolver.resolve(program).orElseThrow(), List.of(args), timeout, 100, lines::add,
                () -> false);
    }

    /** An executable script in the temp dir (the runner execs it directly: the kernel reads the #! line). */
    private String script(String body) throws Exception {
        Path f = dir.resolve("script" + System.nanoTime());
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f.toString();
    }

    private static List<Long> pids(List<String> lines) {
        return lines.stream().filter(l -> l.matches("\\d+")).map(Long::valueOf).toList();
    }

    @Test
    void shellSyntaxReachesTheProgramAsPlainArguments() throws Exception {
        RunResult r = run(LONG, "echo", "a;b", "$(id)", "`id`", "*", "&&", "|", "$HOME", ">x");
        assertThat(r.ending()).isEqualTo(RunResult.Ending.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(lines).containsExactly("a;b $(id) `id` * && | $HOME >x");
        assertThat(r.bytes()).isEqualTo("a;b $(id) `id` * && | $HOME >x\n".length());
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void environmentIsOnlyPathLangAndHome() throws Exception {
        run(LONG, "env");
        assertThat(lines).containsExactlyInAnyOrder("PATH=" + ProgramResolver.PATH_VARIABLE, "LANG=C", "HOME=/");
    }

    @Test
    void workingDirectoryIsRootAndStdinIsAtEnd() throws Exception {
        run(LONG, "pwd");
        RunResult cat = run(LONG, "cat");
        assertThat(lines).containsExactly("/");
        assertThat(cat.ending()).isEqualTo(RunResult.Ending.EXITED);
        assertThat(cat.exitCode()).isZero();
    }

    @Test
    void exitCodeIsReported() throws Exception {
        assertThat(run(LONG, "false").exitCode()).isEqualTo(1);
        assertThat(run(LONG, script("exit 7")).exitCode()).isEqualTo(7);
    }

    @Test
    void programRunsInASessionOfItsOwn() throws Exception {
        run(LONG, script("cat /proc/$$/stat\n"));
        String stat = lines.get(0);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long session = Long.parseLong(f[3]);
        assertThat(session).isNotEqualTo(ProcessTree.stat(ProcessHandle.current().pid()).orElseThrow().session());
    }

    @Test
    void closingTheRunnerKillsWhatRuns() throws Exception {
        AtomicBoolean started = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                runner.run(ProgramResolver.resolve(script("echo $$\nsleep 300\n")).orElseThrow(), List.of(), LONG, 100,
                        line -> {
                            lines.add(line);
                            started.set(true);
                        }, () -> false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        t.start();
        while (!started.get()) {
            Thread.onSpinWait();
        }
        runner.close();
        t.join();
        assertThat(ProcessTree.isRunning(pids(lines).get(0))).isFalse();
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        String s = script("""
                echo $$
                sleep 300 &
                echo $!
                ( sleep 301 & echo $! ; wait ) &
                ( sleep 302 & echo $! ) &
                wait
                """);
        RunResult r = run(Duration.ofSeconds(2), s);
        assertThat(r.ending()).isEqualTo(RunResult.Ending.TIMEOUT);
        assertThat(r.exitCode()).isEqualTo(128 + 9);
        List<Long> pids = pids(lines);
        assertThat(pids).hasSize(4);
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessTree.isRunning(pid)).as("pid %d", pid).isFalse());
        assertThat(ProcessTree.sessionMembers(pids.get(0))).isEmpty();
    }

    @Test
    void whatAProgramLeavesBehindIsKilledWhenItExits() throws Exception {
        String s = script("""
                sleep 300 &
                echo $!
                ( sleep 303 & echo $! ) &
                echo done
                """);
        RunResult r = run(LONG, s);
        assertThat(r.ending()).isEqualTo(RunResult.Ending.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(lines).contains("done");
        assertThat(pids(lines)).hasSize(2)
                .allSatisfy(pid -> assertThat(ProcessTree.isRunning(pid)).as("pid %d", pid).isFalse());
    }

    @Test
    void cancellingKillsTheProgram() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        RunResult r = runner.run(ProgramResolver.resolve(script("echo $$\nsleep 300\n")).orElseThrow(), List.of(), LONG,
                100, line -> {
                    lines.add(line);
                    cancel.set(true);
                }, cancel::get);
        assertThat(r.ending()).isEqualTo(RunResult.Ending.CANCELLED);
        assertThat(ProcessTree.isRunning(pids(lines).get(0))).isFalse();
    }

    @Test
    void longLinesAreSplitAndCarriageReturnsDropped() throws Exception {
        run(LONG, "printf", "%s\\n%s\\r\\n%s", "x".repeat(250), "y".repeat(100), "tail");
        assertThat(lines).containsExactly("x".repeat(100), "x".repeat(100), "x".repeat(50), "y".repeat(100), "tail");
    }

    @Test
    void binaryOutputIsDecodedWithoutFailing() throws Exception {
        run(LONG, "printf", "a\\000b\\377c\\n");
        assertThat(lines).containsExactly("a\u0000b\uFFFDc");
    }
}
