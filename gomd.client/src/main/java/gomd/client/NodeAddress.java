package gomd.client;

import java.util.Objects;

/**
 * Where a gomd console listens: a host name or address and a TCP port.
 *
 * @param host a host name, an IPv4 address or an IPv6 address (without brackets)
 * @param port the console port, 1-65535
 */
public record NodeAddress(String host, int port) {

    /** The console's default port. */
    public static final int DEFAULT_PORT = 9889;

    public NodeAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Parses {@code HOST:PORT}, {@code [IPV6]:PORT}, {@code HOST} or {@code [IPV6]}; a missing
     * port is {@link #DEFAULT_PORT}. A bare IPv6 address must be bracketed, since its colons
     * would otherwise be taken for the port separator.
     *
     * @throws IllegalArgumentException when {@code text} is none of these
     */
    public static NodeAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ] in " + text);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("expected :PORT after ] in " + text);
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("write an IPv6 address in brackets, e.g. [::1]:9889: " + text);
            }
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? null : text.substring(colon + 1);
        }
        if (port == null) {
            return new NodeAddress(host, DEFAULT_PORT);
        }
        try {
            return new NodeAddress(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + text, e);
        }
    }

    /** {@code HOST:PORT}, with an IPv6 address in brackets; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
