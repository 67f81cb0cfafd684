package gomd.core.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

class NodeIdentityTest {

    @Test
    void theNumberComesFromTheLastTwoOctetsOfTheFirstNonLoopbackIpv4Address() throws Exception {
        List<InetAddress> addresses = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("fe80::1"),
                InetAddress.getByName("192.168.3.4"), InetAddress.getByName("10.0.0.9"));
        assertThat(NodeIdentity.deriveNumber(addresses)).isEqualTo((3 << 8) + 4);
        assertThat(NodeIdentity.deriveNumber(List.of(InetAddress.getByName("10.1.255.255")))).isEqualTo(65535);
    }

    @Test
    void aLoopbackOnlyHostIsNodeOne() throws Exception {
        assertThat(NodeIdentity.deriveNumber(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"))))
                .isEqualTo(1);
        assertThat(NodeIdentity.deriveNumber(List.of())).isEqualTo(1);
    }
}
