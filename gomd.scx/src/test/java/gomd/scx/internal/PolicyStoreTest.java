package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {

    @TempDir
    Path dir;

    private boolean allows(PolicyStore store, String... argv) throws Exception {
        return store.current().decide(List.of(argv), ProgramResolver.resolve(argv[0])).allowed();
    }

    @Test
    void missingFileBlocksEverything() throws Exception {
        PolicyStore store = new PolicyStore(dir.resolve("scx.conf"), Clock.systemUTC());
        store.refresh();
        assertThat(allows(store, "true")).isFalse();
        assertThat(store.current().source()).contains("no " + dir.resolve("scx.conf"));
        assertThat(store.lastError()).isEmpty();
    }

    @Test
    void reloadsOnChangeAndKeepsTheLastGoodPolicy() throws Exception {
        Path file = dir.resolve("scx.conf");
        PolicyStore store = new PolicyStore(file, Clock.systemUTC());
        Files.writeString(file, "true:SCX_NO_ACL_CHECK_REQUIRED\n");
        store.refresh();
        assertThat(allows(store, "true")).isTrue();
        assertThat(allows(store, "false")).isFalse();

        Files.writeString(file, "false:SCX_NO_ACL_CHECK_REQUIRED\n# fine so far\nfalse -x:SCX_NOPE\n");
        store.refresh();
        assertThat(store.lastError()).hasValueSatisfying(e -> assertThat(e).isEqualTo(file + ":3: unknown flag "
                + "'SCX_NOPE' (expected SCX_NO_ACL_CHECK_REQUIRED, SCX_ACL_CHECK_REQUIRED or SCX_CMD_BLOCKED)"));
        assertThat(allows(store, "true")).as("last good policy stays").isTrue();
        assertThat(allows(store, "false")).as("nothing half-parsed applies").isFalse();

        Files.writeString(file, "false:SCX_NO_ACL_CHECK_REQUIRED\n");
        store.refresh();
        assertThat(store.lastError()).isEmpty();
        assertThat(allows(store, "true")).isFalse();
        assertThat(allows(store, "false")).isTrue();

        Files.delete(file);
        store.refresh();
        assertThat(allows(store, "false")).as("no file: back to blocked").isFalse();
    }

    @Test
    void oversizedOrNonUtf8FilesAreRejected() throws Exception {
        Path file = dir.resolve("scx.conf");
        PolicyStore store = new PolicyStore(file, Clock.systemUTC());
        Files.writeString(file, "true:SCX_NO_ACL_CHECK_REQUIRED\n");
        store.refresh();

        Files.writeString(file, "# " + "x".repeat(PolicyStore.MAX_FILE_BYTES) + "\n");
        store.refresh();
        assertThat(store.lastError()).hasValueSatisfying(e -> assertThat(e).contains("larger than"));
        assertThat(allows(store, "true")).isTrue();

        Files.write(file, new byte[] {'t', 'r', 'u', 'e', (byte) 0xff, ':', 'S'});
        store.refresh();
        assertThat(store.lastError()).hasValue(file + ": not UTF-8 text");
        assertThat(allows(store, "true")).isTrue();
    }
}
