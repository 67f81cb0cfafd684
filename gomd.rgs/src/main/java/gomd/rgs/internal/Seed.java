package gomd.rgs.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A peer to try at start: {@code HOST[:CONSOLE_PORT][/MEMBERSHIP_PORT]}. The console port is the
 * one admins know (default 9889); the membership port is derived from it
 * ({@link Ports#membershipPort}) unless given after a slash. IPv6 literals go in brackets:
 * {@code [fd00::5]:9889}.
 *
 * @param host           host name or address literal, as written
 * @param consolePort    the peer's console port
 * @param membershipPort the peer's membership (JGroups) port
 */
public record Seed(String host, int consolePort, int membershipPort) {

    public Seed {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        Ports.check(consolePort);
        Ports.check(membershipPort);
    }

    /** Parses one seed; throws {@link IllegalArgumentException} naming what is wrong. */
    public static Seed parse(String text) {
        String s = text.strip();
        int membershipPort = -1;
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            membershipPort = port(s.substring(slash + 1), text);
            s = s.substring(0, slash);
        }
        String host;
        int consolePort = Ports.DEFAULT_CONSOLE_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("seed '" + text + "': unclosed [");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("seed '" + text + "': expected :PORT after ]");
                }
                consolePort = port(rest.substring(1), text);
            }
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("seed '" + text + "': write IPv6 addresses as [ADDRESS]:PORT");
            }
            host = colon < 0 ? s : s.substring(0, colon);
            if (colon >= 0) {
                consolePort = port(s.substring(colon + 1), text);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("seed '" + text + "': no host");
        }
        return new Seed(host, consolePort, membershipPort < 0 ? Ports.membershipPort(consolePort) : membershipPort);
    }

    /** Parses comma- or blank-separated seeds, dropping duplicates and keeping the order. */
    public static List<Seed> parseList(String text) {
        Set<Seed> seeds = new LinkedHashSet<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                seeds.add(parse(part));
            }
        }
        return new ArrayList<>(seeds);
    }

    private static int port(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            Ports.check(port);
            return port;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seed '" + text + "': bad port '" + digits + "'");
        }
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return h + ":" + consolePort + "/" + membershipPort;
    }
}
