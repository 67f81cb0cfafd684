package gomd.rgs.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The validated {@code gomd.rgs} configuration ({@code etc/gomd.rgs.cfg}). Every key {@code K}
 * can be overridden from the command line with the system property {@code gomd.K}, which the
 * launcher sets from {@code --K VALUE} (dots written as dashes: {@code --seeds},
 * {@code --cluster-key}, {@code --failure-timeout}). Each key is checked on its own: a bad value
 * is reported with its key and the last good value of that key stays.
 *
 * @param stack               {@code stack}: which membership stack
 * @param seeds               {@code seeds}: peers to try at start, {@code host:consolePort,...}
 * @param clusterName         {@code cluster.name}: daemons only see daemons of the same cluster name
 * @param clusterKey          {@code cluster.key}: the shared secret (empty: use the key file)
 * @param clusterKeyFile      {@code cluster.keyFile}: the key file, relative to the node home
 * @param membershipBind      {@code membership.bind}: membership address; null means the console address
 * @param membershipPort      {@code membership.port}: 0 means console port + 4
 * @param multicastAddress    {@code multicast.address}
 * @param multicastPort       {@code multicast.port}
 * @param multicastTtl        {@code multicast.ttl}: 1 keeps discovery on the local network
 * @param multicastInterfaces {@code multicast.interfaces}: names or addresses of the interfaces
 *                            that send and receive discovery (omdiscd's {@code -i}); empty means
 *                            the membership address
 * @param failureTimeout      {@code failure.timeout} (ms): a member silent this long is reported FAILED
 * @param joinTimeout         {@code join.timeout} (ms): how long discovery and a join wait for answers
 * @param queryParallelism    {@code query.parallelism}: nodes asked at once by cluster-wide queries
 * @param forgetAfter         {@code forget.after} (s): departed nodes are listed this long
 */
public record Settings(Stack stack, List<Seed> seeds, String clusterName, String clusterKey, String clusterKeyFile,
                       InetAddress membershipBind, int membershipPort, InetAddress multicastAddress, int multicastPort,
                       int multicastTtl, List<String> multicastInterfaces, Duration failureTimeout,
                       Duration joinTimeout, int queryParallelism, Duration forgetAfter) {

    /** The membership stack. */
    public enum Stack {
        /** Unicast when a seed list is given, multicast otherwise. */
        AUTO,
        /** UDP multicast discovery and transport (finds daemons on the LAN with no configuration). */
        MULTICAST,
        /** TCP with a seed list (and the cache file), for networks without multicast. */
        UNICAST
    }

    static final String STACK = "stack";
    static final String SEEDS = "seeds";
    static final String CLUSTER_NAME = "cluster.name";
    static final String CLUSTER_KEY = "cluster.key";
    static final String CLUSTER_KEY_FILE = "cluster.keyFile";
    static final String MEMBERSHIP_BIND = "membership.bind";
    static final String MEMBERSHIP_PORT = "membership.port";
    static final String MULTICAST_ADDRESS = "multicast.address";
    static final String MULTICAST_PORT = "multicast.port";
    static final String MULTICAST_TTL = "multicast.ttl";
    static final String MULTICAST_INTERFACES = "multicast.interfaces";
    static final String FAILURE_TIMEOUT = "failure.timeout";
    static final String JOIN_TIMEOUT = "join.timeout";
    static final String QUERY_PARALLELISM = "query.parallelism";
    static final String FORGET_AFTER = "forget.after";

    static final String DEFAULT_CLUSTER_NAME = "gomd";
    static final String DEFAULT_KEY_FILE = "etc/gomd/cluster.key";
    static final String DEFAULT_MULTICAST_ADDRESS = "239.255.98.89";
    static final int DEFAULT_MULTICAST_PORT = 45889;
    static final int DEFAULT_MULTICAST_TTL = 1;
    static final int DEFAULT_FAILURE_TIMEOUT_MS = 10_000;
    static final int DEFAULT_JOIN_TIMEOUT_MS = 2_000;
    static final int DEFAULT_QUERY_PARALLELISM = 32;
    static final int DEFAULT_FORGET_AFTER_S = 86_400;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._:%@-]{1,64}");

    public Settings {
        seeds = List.copyOf(seeds);
        multicastInterfaces = List.copyOf(multicastInterfaces);
    }

    /** The stack in force: {@link Stack#AUTO} resolved by whether seeds were given. */
    public Stack effectiveStack() {
        return stack != Stack.AUTO ? stack : seeds.isEmpty() ? Stack.MULTICAST : Stack.UNICAST;
    }

    /** The membership port for a console port: configured, or derived ({@link Ports#membershipPort}). */
    public int membershipPort(int consolePort) {
        return membershipPort != 0 ? membershipPort : Ports.membershipPort(consolePort);
    }

    public static Settings defaults() {
        return new Settings(Stack.AUTO, List.of(), DEFAULT_CLUSTER_NAME, "", DEFAULT_KEY_FILE, null, 0,
                Addresses.literal(DEFAULT_MULTICAST_ADDRESS), DEFAULT_MULTICAST_PORT, DEFAULT_MULTICAST_TTL, List.of(),
                Duration.ofMillis(DEFAULT_FAILURE_TIMEOUT_MS), Duration.ofMillis(DEFAULT_JOIN_TIMEOUT_MS),
                DEFAULT_QUERY_PARALLELISM, Duration.ofSeconds(DEFAULT_FORGET_AFTER_S));
    }

    /**
     * Reads the configuration. For each key: the command-line override {@code gomd.KEY} if set
     * and valid, else the configured value if valid, else (invalid) the last good value, else
     * (not set) the default.
     *
     * @param problems told one line per rejected value
     */
    public static Settings parse(Map<String, ?> config, Function<String, String> systemProperties, Settings lastGood,
                                 Consumer<String> problems) {
        Settings d = defaults();
        Reader r = new Reader(config, systemProperties, problems);
        return new Settings(
                r.get(STACK, Settings::stack, lastGood.stack, d.stack),
                r.get(SEEDS, Settings::seeds, lastGood.seeds, d.seeds),
                r.get(CLUSTER_NAME, v -> matching(v, NAME, "1-64 letters, digits, '.', '_' or '-'"),
                        lastGood.clusterName, d.clusterName),
                r.get(CLUSTER_KEY, v -> String.valueOf(v).strip(), lastGood.clusterKey, d.clusterKey),
                r.get(CLUSTER_KEY_FILE, v -> String.valueOf(v).strip(), lastGood.clusterKeyFile, d.clusterKeyFile),
                r.get(MEMBERSHIP_BIND, Settings::address, lastGood.membershipBind, d.membershipBind),
                r.get(MEMBERSHIP_PORT, v -> integer(v, 0, 65534), lastGood.membershipPort, d.membershipPort),
                r.get(MULTICAST_ADDRESS, Settings::multicastAddress, lastGood.multicastAddress, d.multicastAddress),
                r.get(MULTICAST_PORT, v -> integer(v, 1, 65535), lastGood.multicastPort, d.multicastPort),
                r.get(MULTICAST_TTL, v -> integer(v, 0, 255), lastGood.multicastTtl, d.multicastTtl),
                r.get(MULTICAST_INTERFACES, Settings::interfaces, lastGood.multicastInterfaces, d.multicastInterfaces),
                r.get(FAILURE_TIMEOUT, v -> Duration.ofMillis(integer(v, 500, 3_600_000)), lastGood.failureTimeout,
                        d.failureTimeout),
                r.get(JOIN_TIMEOUT, v -> Duration.ofMillis(integer(v, 100, 600_000)), lastGood.joinTimeout,
                        d.joinTimeout),
                r.get(QUERY_PARALLELISM, v -> integer(v, 1, 1024), lastGood.queryParallelism, d.queryParallelism),
                r.get(FORGET_AFTER, v -> Duration.ofSeconds(integer(v, 0, 365 * 86_400)), lastGood.forgetAfter,
                        d.forgetAfter));
    }

    /** A value that is not valid; the message says what a valid one looks like. */
    static final class Invalid extends Exception {
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

        <T> T get(String key, Parser<T> parser, T lastGood, T dflt) {
            String override = systemProperties.apply("gomd." + key);
            if (override != null && !override.isBlank()) {
                try {
                    return parser.parse(override);
                } catch (Invalid e) {
                    problems.accept("-Dgomd." + key + " (command line) is invalid: " + e.getMessage()
                            + "; using " + key + " from the configuration");
                }
            }
            Object v = config.get(key);
            if (v == null || v instanceof String s && s.isBlank()) {
                return dflt;
            }
            try {
                return parser.parse(v);
            } catch (Invalid e) {
                problems.accept(key + " is invalid: " + e.getMessage() + "; keeping " + show(lastGood));
                return lastGood;
            }
        }

        private static String show(Object value) {
            if (value == null) {
                return "the default";
            }
            return value instanceof InetAddress a ? a.getHostAddress() : String.valueOf(value);
        }
    }

    private static Stack stack(Object value) throws Invalid {
        try {
            return Stack.valueOf(String.valueOf(value).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("not one of auto, multicast, unicast");
        }
    }

    private static List<Seed> seeds(Object value) throws Invalid {
        try {
            return Seed.parseList(list(value));
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    private static List<String> interfaces(Object value) throws Invalid {
        List<String> names = new ArrayList<>();
        for (String name : list(value).split("[,\\s]+")) {
            if (!name.isEmpty()) {
                names.add(matching(name, INTERFACE, "interface names or addresses, e.g. eth1,eth0"));
            }
        }
        return names;
    }

    /** A multi-valued property (String[] from a form, a comma list from a .cfg file) as one comma list. */
    private static String list(Object value) {
        if (value instanceof String[] array) {
            return String.join(",", array);
        }
        if (value instanceof Iterable<?> it) {
            List<String> parts = new ArrayList<>();
            it.forEach(o -> parts.add(String.valueOf(o)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }

    private static String matching(Object value, Pattern pattern, String what) throws Invalid {
        String s = String.valueOf(value).strip();
        if (!pattern.matcher(s).matches()) {
            throw new Invalid("expected " + what);
        }
        return s;
    }

    private static InetAddress address(Object value) throws Invalid {
        try {
            return Addresses.literal(String.valueOf(value).strip());
        } catch (IllegalArgumentException e) {
            throw new Invalid("not an IP address (e.g. 192.168.1.5)");
        }
    }

    private static InetAddress multicastAddress(Object value) throws Invalid {
        InetAddress a = address(value);
        if (!a.isMulticastAddress()) {
            throw new Invalid("not a multicast address (224.0.0.0/4 or ff00::/8)");
        }
        return a;
    }

    private static int integer(Object value, int min, int max) throws Invalid {
        long n;
        if (value instanceof Number num && !(value instanceof Double || value instanceof Float)) {
            n = num.longValue();
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
}
