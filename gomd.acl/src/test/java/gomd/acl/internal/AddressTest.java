package gomd.acl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals, normal forms and prefixes. */
class AddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "127.1", "010.0.0.1", "1.2.3.256", "1.2.3", "1.2.3.4.5",
            "", "::g", "1::2::3", "fe80::1%eth0", "[1.2.3.4]", " 1.2.3.4", "add"})
    void refusesAnythingButALiteral(String text) {
        assertThatThrownBy(() -> Addresses.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1              | 127.0.0.1
            0.0.0.0                | 0.0.0.0
            ::ffff:10.1.2.3        | 10.1.2.3
            ::ffff:a01:203         | 10.1.2.3
            [::1]                  | ::1
            0:0:0:0:0:0:0:1        | ::1
            2001:DB8:0:0:1:0:0:1   | 2001:db8::1:0:0:1
            2001:db8:0:1:1:1:1:1   | 2001:db8:0:1:1:1:1:1
            2001:0:0:1:0:0:0:1     | 2001:0:0:1::1
            ::                     | ::
            ::1.2.3.4              | ::102:304
            """)
    void parsesAndFormats(String text, String formatted) {
        assertThat(Addresses.format(Addresses.parse(text))).isEqualTo(formatted);
    }

    @Test
    void normalizesMappedAndScopedCallers() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        // As a socket may report it: an Inet6Address holding IPv4-mapped bytes.
        InetAddress caller = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(caller).isInstanceOf(Inet6Address.class);
        assertThat(Addresses.normalize(caller)).isInstanceOf(Inet4Address.class)
                .isEqualTo(InetAddress.getByName("192.0.2.1"));

        InetAddress scoped = Inet6Address.getByAddress(null, Addresses.parse("fe80::1").getAddress(), 2);
        assertThat(Addresses.normalize(scoped)).isEqualTo(Addresses.parse("fe80::1"));
        assertThat(Cidr.parse("fe80::/64").contains(Addresses.normalize(scoped))).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8          | 10.0.0.0/8
            10.1.2.3            | 10.1.2.3/32
            0.0.0.0/0           | 0.0.0.0/0
            255.255.255.255/32  | 255.255.255.255/32
            ::/0                | ::/0
            ::1                 | ::1/128
            [::1]/128           | ::1/128
            2001:db8::/32       | 2001:db8::/32
            ::ffff:10.0.0.0/104 | 10.0.0.0/8
            ::ffff:0:0/96       | 0.0.0.0/0
            ::ffff:1.2.3.4      | 1.2.3.4/32
            10.0.0.128/25       | 10.0.0.128/25
            """)
    void parsesPrefixes(String text, String expected) {
        assertThat(Cidr.parse(text)).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.1/8          | host bits set; the network is 10.0.0.0/8
            10.0.0.0/33         | bad prefix length /33 (allowed: /0../32)
            ::/129              | bad prefix length /129 (allowed: /0../128)
            10.0.0.0/-1         | bad prefix length /-1
            10.0.0.0/           | bad prefix length /
            10.0.0.0/08x        | bad prefix length /08x
            ::ffff:0:0/95       | must be /96 or longer
            2001:db8::1/32      | the network is 2001:db8::/32
            """)
    void refusesBadPrefixes(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0/0          | 0.0.0.0         | true
            0.0.0.0/0          | 255.255.255.255 | true
            0.0.0.0/0          | ::1             | false
            ::/0               | 0.0.0.0         | false
            ::/0               | ::ffff:0:1      | false
            10.0.0.0/31        | 10.0.0.1        | true
            10.0.0.0/31        | 10.0.0.2        | false
            10.0.0.7/32        | 10.0.0.7        | true
            10.0.0.7/32        | 10.0.0.6        | false
            128.0.0.0/1        | 127.255.255.255 | false
            128.0.0.0/1        | 128.0.0.0       | true
            2001:db8::/127     | 2001:db8::1     | true
            2001:db8::/127     | 2001:db8::2     | false
            2001:db8::ff/128   | 2001:db8::ff    | true
            2001:db8::ff/128   | 2001:db8::fe    | false
            fe80::/10          | febf::1         | true
            fe80::/10          | fec0::1         | false
            """)
    void containsAtTheEdges(String prefix, String address, boolean expected) {
        assertThat(Cidr.parse(prefix).contains(Addresses.parse(address))).isEqualTo(expected);
    }

    @Test
    void readsTheLoopbackInterface() throws Exception {
        // Linux always has lo up with 127.0.0.1/8: LOCAL_SUBNET must hold the node's own loopback.
        assertThat(LocalSubnets.read()).contains(Cidr.parse("127.0.0.0/8"));
    }
}
