package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterKeyTest {

    @TempDir
    Path dir;

    @Test
    void configuredKeyWinsOverTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("cluster.key"), "from-file\n");
        ClusterKey key = ClusterKey.load(" from-config ", file);
        assertThat(key.secret()).isEqualTo("from-config");
        assertThat(key.isDefault()).isFalse();
    }

    @Test
    void keyFileTextWithoutItsTrailingNewline() throws IOException {
        Path file = Files.writeString(dir.resolve("cluster.key"), "  s3cret with blanks \n\n");
        ClusterKey key = ClusterKey.load("", file);
        assertThat(key.secret()).isEqualTo("  s3cret with blanks");
        assertThat(key.source()).isEqualTo(file.toString());
        assertThat(key.origin()).isEqualTo(ClusterKey.Origin.FILE);
    }

    @Test
    void neitherGivesTheDefaultKey() throws IOException {
        ClusterKey key = ClusterKey.load(null, dir.resolve("missing"));
        assertThat(key.isDefault()).isTrue();
        assertThat(key.secret()).isEqualTo(ClusterKey.DEFAULT_SECRET);
    }

    @Test
    void anEmptyOrHugeKeyFileIsAnError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.key"), "\n");
        assertThatThrownBy(() -> ClusterKey.load("", empty)).hasMessageContaining("empty");
        Path huge = Files.write(dir.resolve("huge.key"), new byte[5000]);
        assertThatThrownBy(() -> ClusterKey.load("", huge)).hasMessageContaining("longer than 4096 bytes");
    }

    @Test
    void aKeyFileOthersCanReadIsNoticed() throws IOException {
        Path file = Files.writeString(dir.resolve("cluster.key"), "s3cret\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ClusterKey.load("", file).readableByOthers()).isTrue();
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(ClusterKey.load("", file).readableByOthers()).isFalse();
    }

    @Test
    void theSecretIsNeverPrinted() {
        assertThat(new ClusterKey("s3cret", ClusterKey.Origin.SETTING, null).toString())
                .isEqualTo("ClusterKey[the cluster.key setting]");
    }

    @Test
    void theDerivedKeyDependsOnSecretAndClusterName() {
        ClusterKey a = new ClusterKey("s3cret", ClusterKey.Origin.SETTING, null);
        assertThat(a.derive("gomd").getEncoded()).hasSize(32).isEqualTo(a.derive("gomd").getEncoded())
                .isNotEqualTo(a.derive("lab").getEncoded())
                .isNotEqualTo(new ClusterKey("other", ClusterKey.Origin.SETTING, null).derive("gomd").getEncoded());
    }
}
