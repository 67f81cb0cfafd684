package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

class ProcReaderTest {

    @TempDir
    Path tmp;
    private Path root;
    private Path secret;
    private ProcReader reader;

    /** A fake /proc: files, a pid directory reached through "self", and links that lead out of it. */
    @BeforeEach
    void fixture() throws IOException {
        root = Files.createDirectories(tmp.resolve("proc"));
        secret = Files.writeString(tmp.resolve("passwd"), "root:x:0:0:secret\n");
        Files.writeString(root.resolve("loadavg"), "0.52 0.40 0.33 1/123 4567\n");
        Path pid = Files.createDirectories(root.resolve("4567"));
        Files.writeString(pid.resolve("status"), "Name:\tjava\nState:\tS (sleeping)\n");
        Files.writeString(pid.resolve("environ"), "PASSWORD=secret");
        Files.createSymbolicLink(root.resolve("self"), Path.of("4567"));
        Files.createSymbolicLink(pid.resolve("root"), tmp);
        Files.createDirectories(pid.resolve("fd"));
        Files.createSymbolicLink(pid.resolve("fd").resolve("3"), secret);
        Files.createSymbolicLink(root.resolve("escape"), secret);
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nothing"));
        reader = new ProcReader(root);
    }

    private CommandException refused(String file) {
        try {
            List<String> lines = reader.read(file);
            throw new AssertionError(file + " was read: " + lines);
        } catch (CommandException e) {
            assertThat(e.getMessage()).doesNotContain("secret");
            return e;
        }
    }

    @Test
    void readsAFileAsLines() throws Exception {
        assertThat(reader.read("loadavg")).containsExactly("0.52 0.40 0.33 1/123 4567");
        assertThat(reader.read("self/status")).containsExactly("Name:\tjava", "State:\tS (sleeping)");
        assertThat(reader.read("./4567//status")).hasSize(2);
    }

    @Test
    void listsADirectory() throws Exception {
        assertThat(reader.read("self")).containsExactly("environ", "fd/", "root", "status");
    }

    @Test
    void refusesPathsOutsideProc() {
        assertThat(refused("../passwd").code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused("4567/../../passwd").code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused(secret.toString()).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused("/etc/passwd").code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void refusesSymlinksThatLeaveProc() {
        assertThat(refused("escape").code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused("self/fd/3").code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused("self/root/passwd").code()).isEqualTo(ErrorCode.BAD_REQUEST);
        // what lies behind a link out of /proc is never looked at: a missing file there is refused too
        assertThat(refused("self/root/no-such-file").code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void refusesSecretsAndKernelMemory() {
        assertThat(refused("self/environ").code()).isEqualTo(ErrorCode.DENIED);
        assertThat(refused("kcore").code()).isEqualTo(ErrorCode.DENIED);
        assertThat(refused("kmsg").code()).isEqualTo(ErrorCode.DENIED);
        assertThat(refused("self/cmdline").code()).isEqualTo(ErrorCode.DENIED);
        assertThat(refused("kallsyms").code()).isEqualTo(ErrorCode.DENIED);
    }

    @Test
    void missingFileIsNotFound() {
        assertThat(refused("nothing").code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refused("loadavg/more").code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refused("dangling").code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refused("").code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void bigFileIsCutAndTheCutIsMarked() throws Exception {
        Files.writeString(root.resolve("big"), "x".repeat(100) + "\n" + "y".repeat(ProcReader.MAX_BYTES));
        List<String> lines = reader.read("big");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).hasSize(ProcReader.MAX_BYTES - 101);
        assertThat(lines.get(2)).isEqualTo("[cut: " + root + "/big is longer than 1048576 bytes]");
    }

    @Test
    void realProcAnswersAndKeepsItsLinksIn() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/loadavg")), "needs Linux /proc");
        ProcReader proc = new ProcReader(Path.of("/proc"));
        assertThat(proc.read("loadavg")).singleElement().asString().matches("[\\d.]+ [\\d.]+ [\\d.]+ \\d+/\\d+ \\d+");
        assertThat(proc.read("self/status")).anyMatch(l -> l.startsWith("Pid:"));
        assertThat(proc.read("net/dev")).anyMatch(l -> l.strip().startsWith("lo:"));
        assertThatThrownBy(() -> proc.read("self/root/etc/passwd")).hasMessageContaining("not a path inside /proc");
        assertThatThrownBy(() -> proc.read("self/cwd")).hasMessageContaining("not a path inside /proc");
        assertThatThrownBy(() -> proc.read("../etc/passwd")).hasMessageContaining("not a path inside /proc");
        assertThatThrownBy(() -> proc.read("/etc/passwd")).hasMessageContaining("not a path inside /proc");
        assertThatThrownBy(() -> proc.read("self/environ")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> proc.read("self/cmdline")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> proc.read("self/task/" + ProcessHandle.current().pid() + "/cmdline"))
                .hasMessageContaining("not allowed");
    }
}
