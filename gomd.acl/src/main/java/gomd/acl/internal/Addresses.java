package gomd.acl.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Address literals without name lookups, and the one normal form every match works on. */
final class Addresses {

    /** Four decimal octets 0-255 without leading zeros (no octal, no short forms like 127.1). */
    private static final Pattern IPV4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** What an IPv6 literal may contain; with a ':' the JDK parses it as a literal, never by DNS. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private Addresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal (IPv6 optionally in {@code [...]}, as in URLs); never resolves a name.
     *
     * @throws IllegalArgumentException if the text is not an address literal
     */
    static InetAddress parse(String text) {
        boolean bracketed = text.startsWith("[") && text.endsWith("]");
        String s = bracketed ? text.substring(1, text.length() - 1) : text;
        boolean v4 = !bracketed && IPV4.matcher(s).matches();
        if (!v4 && !(s.indexOf(':') >= 0 && IPV6_CHARS.matcher(s).matches())) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + text);
        }
        try {
            return normalize(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: " + text, e);
        }
    }

    /**
     * The address rules are matched against: an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d})
     * becomes its IPv4 address (the JDK converts it), and a host name or IPv6 scope is dropped.
     */
    static InetAddress normalize(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the JDK refused its own address bytes", e);
        }
    }

    /** The address as people write it: dotted IPv4, or compressed IPv6 (RFC 5952 style). */
    static String format(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        // The longest run of two or more zero groups becomes "::" (the first one on a tie).
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
