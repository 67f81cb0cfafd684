package gomd.core.internal.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated {@code gomd.core} configuration. Each key is checked on its own: a bad value
 * is reported with its key and the last good value of that key stays, so one typo never
 * takes the whole configuration (or the console) down. Command-line overrides, passed by the
 * launcher as system properties, win over the file.
 *
 * @param bind                     {@code console.bind} (override {@code gomd.bind})
 * @param port                     {@code console.port} (override {@code gomd.port}); 0 picks a free port
 * @param nodeId                   {@code node.id} (override {@code gomd.node.id}); 0 derives it from the address
 * @param idleTimeoutSeconds       {@code console.idleTimeout}
 * @param maxLineLength            {@code console.maxLineLength}
 * @param maxConnections           {@code console.maxConnections}
 * @param maxConnectionsPerAddress {@code console.maxConnectionsPerAddress}
 * @param maxAnswerBytes           {@code console.maxAnswerBytes}
 * @param home                     {@code home} (override {@code gomd.home})
 */
record NodeSettings(InetAddress bind, int port, int nodeId, int idleTimeoutSeconds, int maxLineLength,
                    int maxConnections, int maxConnectionsPerAddress, int maxAnswerBytes, Path home) {

    static final String BIND = "console.bind";
    static final String PORT = "console.port";
    static final String NODE_ID = "node.id";
    static final String IDLE_TIMEOUT = "console.idleTimeout";
    static final String MAX_LINE_LENGTH = "console.maxLineLength";
    static final String MAX_CONNECTIONS = "console.maxConnections";
    static final String MAX_CONNECTIONS_PER_ADDRESS = "console.maxConnectionsPerAddress";
    static final String MAX_ANSWER_BYTES = "console.maxAnswerBytes";
    static final String HOME = "home";

    static final String DEFAULT_BIND = "127.0.0.1";
    static final int DEFAULT_PORT = 9889;
    static final int DEFAULT_IDLE_TIMEOUT = 60;
    static final int DEFAULT_MAX_LINE_LENGTH = 4096;
    static final int DEFAULT_MAX_CONNECTIONS = 64;
    static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 8;
    static final int DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    /** A host name would need a DNS lookup (slow, and may change): only address literals are taken. */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    /** The defaults, with {@code home} from the system property karaf.base, else the current directory. */
    static NodeSettings defaults(Function<String, String> systemProperties) {
        String base = systemProperties.apply("karaf.base");
        Path home = Path.of(base != null && !base.isBlank() ? base : systemProperties.apply("user.dir"));
        return new NodeSettings(InetAddress.getLoopbackAddress(), DEFAULT_PORT, 0, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                DEFAULT_MAX_ANSWER_BYTES, home.toAbsolutePath().normalize());
    }

    /**
     * Reads the configuration. For each key: the command-line override if set and valid, else
     * the configured value if valid, else (value invalid) the last good one, else (no value) the default.
     *
     * @param config           the Config Admin properties (other keys are ignored)
     * @param systemProperties where the launcher's overrides are read from
     * @param lastGood         the settings in force, or the defaults at start
     * @param problems         told one line per rejected value
     */
    static NodeSettings parse(Map<String, ?> config, Function<String, String> systemProperties, NodeSettings lastGood,
                              Consumer<String> problems) {
        NodeSettings d = defaults(systemProperties);
        Reader r = new Reader(config, systemProperties, problems);
        return new NodeSettings(
                r.get(BIND, "gomd.bind", NodeSettings::address, lastGood.bind, d.bind),
                r.get(PORT, "gomd.port", v -> integer(v, 0, 65535), lastGood.port, d.port),
                r.get(NODE_ID, "gomd.node.id", v -> integer(v, 0, 65535), lastGood.nodeId, d.nodeId),
                r.get(IDLE_TIMEOUT, null, v -> integer(v, 1, 86400), lastGood.idleTimeoutSeconds, d.idleTimeoutSeconds),
                r.get(MAX_LINE_LENGTH, null, v -> integer(v, 64, 1 << 20), lastGood.maxLineLength, d.maxLineLength),
                r.get(MAX_CONNECTIONS, null, v -> integer(v, 1, 10_000), lastGood.maxConnections, d.maxConnections),
                r.get(MAX_CONNECTIONS_PER_ADDRESS, null, v -> integer(v, 1, 10_000), lastGood.maxConnectionsPerAddress,
                        d.maxConnectionsPerAddress),
                r.get(MAX_ANSWER_BYTES, null, v -> integer(v, 1024, 1 << 30), lastGood.maxAnswerBytes, d.maxAnswerBytes),
                r.get(HOME, "gomd.home", NodeSettings::path, lastGood.home, d.home));
    }

    /** The same settings with the console on another address and port. */
    NodeSettings withListen(InetAddress otherBind, int otherPort) {
        return new NodeSettings(otherBind, otherPort, nodeId, idleTimeoutSeconds, maxLineLength, maxConnections,
                maxConnectionsPerAddress, maxAnswerBytes, home);
    }

    /** A value that is not valid; the message says what a valid one looks like. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(Object value) throws Invalid;
    }

    private record Reader(Map<String, ?> config, Function<String, String> systemProperties, Consumer<String> problems) {

        <T> T get(String key, String override, Parser<T> parser, T lastGood, T dflt) {
            Object v = config.get(key);
            boolean set = v != null && !(v instanceof String str && str.isBlank()); // "key =" means "not set"
            String fromCommandLine = override == null ? null : systemProperties.apply(override);
            if (fromCommandLine != null) {
                try {
                    T value = parser.parse(fromCommandLine);
                    if (set && !String.valueOf(v).strip().equals(fromCommandLine.strip())) {
                        // else an admin edits the file and wonders why nothing changes
                        problems.accept(key + "=" + v + " is overridden by -D" + override + "=" + fromCommandLine
                                + " (command line)");
                    }
                    return value;
                } catch (Invalid e) {
                    problems.accept("-D" + override + "=" + fromCommandLine + " (command line) is invalid: "
                            + e.getMessage() + "; using " + key + " from the configuration");
                }
            }
            if (!set) {
                return dflt;
            }
            try {
                return parser.parse(v);
            } catch (Invalid e) {
                problems.accept(key + "=" + v + " is invalid: " + e.getMessage() + "; keeping " + show(lastGood));
                return lastGood;
            }
        }

        private static String show(Object value) {
            return value instanceof InetAddress a ? a.getHostAddress() : String.valueOf(value);
        }
    }

    private static int integer(Object value, int min, int max) throws Invalid {
        long n;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            n = ((Number) value).longValue();
        } else if (value instanceof String s) {
            try {
                n = Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw new Invalid("not a whole number in " + min + ".." + max);
            }
        } else {
            throw new Invalid("not a whole number in " + min + ".." + max);
        }
        if (n < min || n > max) {
            throw new Invalid("not in " + min + ".." + max);
        }
        return (int) n;
    }

    private static InetAddress address(Object value) throws Invalid {
        String s = String.valueOf(value).strip();
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            throw new Invalid("not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
        }
        try {
            return InetAddress.getByName(s); // a checked literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new Invalid("not an IP address (e.g. 127.0.0.1, 0.0.0.0, ::1)");
        }
    }

    private static Path path(Object value) throws Invalid {
        String s = String.valueOf(value).strip();
        if (s.isEmpty()) {
            throw new Invalid("empty path");
        }
        try {
            return Path.of(s).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Invalid(e.getMessage());
        }
    }
}
