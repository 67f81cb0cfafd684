package gomd.acl.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address prefix such as {@code 10.0.0.0/8} or {@code fd00::/64}. IPv4 and IPv6 are separate
 * families: an IPv4 prefix matches IPv4 callers (IPv4-mapped IPv6 callers included, as they are
 * normalized to IPv4 first), an IPv6 prefix matches the other IPv6 callers.
 *
 * @param network the first address, host bits cleared
 * @param prefix  the number of leading bits that must match: 0..32 for IPv4, 0..128 for IPv6
 */
record Cidr(InetAddress network, int prefix) {

    Cidr {
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length /" + prefix + " is outside /0../" + bits);
        }
        network = masked(network, prefix);
    }

    /** A single address as a /32 or /128. */
    static Cidr host(InetAddress a) {
        InetAddress n = Addresses.normalize(a);
        return new Cidr(n, n.getAddress().length * 8);
    }

    /**
     * Parses {@code ADDRESS} or {@code ADDRESS/LENGTH}. Host bits set in the address are an error
     * ({@code 10.0.0.1/8} is more likely a typo than a wish for {@code 10.0.0.0/8}). An IPv6
     * prefix inside {@code ::ffff:0:0/96} is taken as the IPv4 prefix it maps.
     *
     * @throws IllegalArgumentException with a message for the rulebook error report
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress a = Addresses.parse(addr);
        boolean writtenAsV6 = addr.indexOf(':') >= 0;
        int bits = writtenAsV6 ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String len = text.substring(slash + 1);
            if (!len.matches("\\d{1,3}") || Integer.parseInt(len) > bits) {
                throw new IllegalArgumentException("bad prefix length /" + len + " (allowed: /0../" + bits + ")");
            }
            prefix = Integer.parseInt(len);
        }
        if (writtenAsV6 && a instanceof Inet4Address) {
            if (prefix < 96) {
                throw new IllegalArgumentException("IPv4-mapped prefix " + text + " must be /96 or longer");
            }
            prefix -= 96;
        }
        Cidr c = new Cidr(a, prefix);
        if (!c.network.equals(a)) {
            throw new IllegalArgumentException(text + " has host bits set; the network is "
                    + Addresses.format(c.network) + "/" + prefix);
        }
        return c;
    }

    /** Whether the (normalized) address lies in this prefix; never across families. */
    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        return rest == 0 || ((a[full] ^ n[full]) & (0xff << (8 - rest))) == 0;
    }

    private static InetAddress masked(InetAddress a, int prefix) {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the JDK refused its own address bytes", e);
        }
    }

    @Override
    public String toString() {
        return Addresses.format(network) + "/" + prefix;
    }
}
