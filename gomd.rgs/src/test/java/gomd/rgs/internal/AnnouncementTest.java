package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AnnouncementTest {

    private static Announcement sample(String address) throws Exception {
        return new Announcement(5, "node5.example.org", InetAddress.getByName(address), 9889, 9893,
                Set.of("gomd.scx", "gomd.core", "gomd.rgs"), Instant.ofEpochMilli(1_700_000_000_123L));
    }

    @Test
    void decodesWhatItEncodes() throws Exception {
        for (String address : new String[] {"192.168.0.5", "fd00::5"}) {
            Announcement a = sample(address);
            assertThat(Announcement.decode(a.encode())).isEqualTo(a);
        }
    }

    @Test
    void byeAndAskAreNeitherHellosNorEachOther() throws Exception {
        assertThat(Announcement.isBye(Announcement.BYE)).isTrue();
        assertThat(Announcement.isBye(sample("10.0.0.1").encode())).isFalse();
        assertThat(Announcement.isAsk(Announcement.ASK)).isTrue();
        assertThat(Announcement.isAsk(Announcement.BYE)).isFalse();
        assertThatThrownBy(() -> Announcement.decode(Announcement.BYE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatedExtendedOrForeignPayloadsAreRefused() throws Exception {
        byte[] hello = sample("10.0.0.1").encode();
        assertThatThrownBy(() -> Announcement.decode(Arrays.copyOf(hello, hello.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Announcement.decode(Arrays.copyOf(hello, hello.length + 1)))
                .hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> Announcement.decode("GET / HTTP/1.0".getBytes()))
                .hasMessageContaining("not a gomd hello");
        assertThatThrownBy(() -> Announcement.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityIsConsoleAddressAndPort() throws Exception {
        Announcement a = sample("10.0.0.1");
        assertThat(a.identity().getAddress().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(a.identity().getPort()).isEqualTo(9889);
    }
}
