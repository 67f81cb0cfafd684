package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

class ProgramResolverTest {

    @Test
    void bareNameIsFoundOnTheFixedPath() throws Exception {
        Program ls = ProgramResolver.resolve("ls").orElseThrow();
        assertThat(ls.name()).isEqualTo("ls");
        assertThat(ls.path().getFileName().toString()).isEqualTo("ls");
        assertThat(ProgramResolver.PATH).anySatisfy(dir -> assertThat(Files.isExecutable(dir.resolve("ls"))).isTrue());
    }

    @Test
    void theSameFileReachedThroughASymlinkedDirectoryIsTheSameProgram() throws Exception {
        Program bare = ProgramResolver.resolve("ls").orElseThrow();
        Program absolute = ProgramResolver.resolve(bare.path().toString()).orElseThrow();
        assertThat(absolute.path()).isEqualTo(bare.path());
        if (Files.isExecutable(Path.of("/bin/ls")) && Files.isExecutable(Path.of("/usr/bin/ls"))
                && Path.of("/bin").toRealPath().equals(Path.of("/usr/bin").toRealPath())) {
            assertThat(ProgramResolver.resolve("/bin/ls").orElseThrow().path())
                    .isEqualTo(ProgramResolver.resolve("/usr/bin/ls").orElseThrow().path());
        }
    }

    @Test
    void aSymlinkedProgramKeepsItsOwnName() throws Exception {
        // busybox-style: sh -> dash must not become "dash" (a rule for one name must not allow another)
        Path sh = Path.of("/bin/sh");
        if (Files.isSymbolicLink(sh)) {
            assertThat(ProgramResolver.resolve("sh").orElseThrow().path().getFileName().toString()).isEqualTo("sh");
        }
    }

    @Test
    void missingProgramIsEmpty(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "not a program");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ProgramResolver.resolve("no-such-program-gomd-scx")).isEmpty();
        assertThat(ProgramResolver.resolve("/no/such/program")).isEmpty();
        assertThat(ProgramResolver.resolve(plain.toString())).isEmpty(); // not executable
        assertThat(ProgramResolver.resolve("/usr/bin")).isEmpty(); // a directory
    }

    @ParameterizedTest
    @ValueSource(strings = {"bin/ls", "./ls", "../ls", "../../bin/ls", "ls/..", "/usr/bin/../bin/ls", "/usr//bin/ls",
        "/usr/bin/./ls", "/usr/bin/", ".", "..", ""})
    void relativeOrUncleanNamesAreRefused(String name) {
        assertThatThrownBy(() -> ProgramResolver.resolve(name)).isInstanceOf(CommandException.class)
                .extracting(e -> ((CommandException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void fixedPathVariable() {
        assertThat(ProgramResolver.PATH_VARIABLE)
                .isEqualTo("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }
}
