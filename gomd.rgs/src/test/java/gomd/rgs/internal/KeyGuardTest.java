package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;

class KeyGuardTest {

    private static KeyGuard guard(String secret, String cluster) {
        ClusterKey key = new ClusterKey(secret, ClusterKey.Origin.SETTING, null);
        return new KeyGuard(key.derive(cluster), cluster, sender -> {
        });
    }

    private static final byte[] MESSAGE = "a membership message".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatTheSameKeySealed() throws Exception {
        KeyGuard a = guard("s3cret", "gomd");
        KeyGuard b = guard("s3cret", "gomd");
        byte[] sealed = a.seal(MESSAGE, 0, MESSAGE.length);
        assertThat(b.open(sealed, 0, sealed.length)).isEqualTo(MESSAGE);
    }

    @Test
    void sealedBytesDoNotShowTheMessageAndDifferEachTime() throws Exception {
        KeyGuard a = guard("s3cret", "gomd");
        byte[] one = a.seal(MESSAGE, 0, MESSAGE.length);
        byte[] two = a.seal(MESSAGE, 0, MESSAGE.length);
        assertThat(new String(one, StandardCharsets.ISO_8859_1)).doesNotContain("membership");
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void anotherKeyOrClusterNameCannotOpenIt() throws Exception {
        byte[] sealed = guard("s3cret", "gomd").seal(MESSAGE, 0, MESSAGE.length);
        assertThatThrownBy(() -> guard("other", "gomd").open(sealed, 0, sealed.length))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> guard("s3cret", "lab").open(sealed, 0, sealed.length))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aChangedByteOrGarbageIsRefused() throws Exception {
        KeyGuard a = guard("s3cret", "gomd");
        byte[] sealed = a.seal(MESSAGE, 0, MESSAGE.length);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> a.open(tampered, 0, tampered.length)).isInstanceOf(GeneralSecurityException.class);
        }
        assertThatThrownBy(() -> a.open(new byte[10], 0, 10)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> a.open(null, 0, 0)).isInstanceOf(GeneralSecurityException.class);
    }
}
