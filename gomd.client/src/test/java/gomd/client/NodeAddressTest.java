package gomd.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeAddressTest {

    @Test
    void parsesHostPortIpv6AndTheDefaultPort() {
        assertThat(NodeAddress.parse("127.0.0.1:23001")).isEqualTo(new NodeAddress("127.0.0.1", 23001));
        assertThat(NodeAddress.parse("node7")).isEqualTo(new NodeAddress("node7", 9889));
        assertThat(NodeAddress.parse("[::1]:23001")).isEqualTo(new NodeAddress("::1", 23001));
        assertThat(NodeAddress.parse("[::1]")).isEqualTo(new NodeAddress("::1", 9889));
    }

    @Test
    void printsWhatItParses() {
        for (String s : new String[] {"127.0.0.1:23001", "[::1]:23001", "node7:9889"}) {
            assertThat(NodeAddress.parse(s).toString()).isEqualTo(s);
        }
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        for (String s : new String[] {"", ":9889", "::1", "[::1", "[::1]9889", "host:0", "host:65536", "host:x"}) {
            assertThatThrownBy(() -> NodeAddress.parse(s)).as(s).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
