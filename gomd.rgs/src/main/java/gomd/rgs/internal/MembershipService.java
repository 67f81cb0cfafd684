package gomd.rgs.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.client.ClientOptions;
import gomd.client.GomdCluster;
import gomd.client.NodeAddress;
import gomd.core.api.Cluster;
import gomd.core.api.CommandException;
import gomd.core.api.CommandRegistry;
import gomd.core.api.InternalRequest;
import gomd.core.api.LocalNode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Result;

/**
 * The Remote Gomd Searcher: runs membership (JGroups, see {@link Stacks}), keeps the cache file
 * of known daemons, reports changes, and provides {@link Cluster} for cluster-wide queries.
 *
 * <p>Everything that changes membership state runs on one thread, "gomd-rgs": JGroups
 * callbacks, configuration changes, feature changes, the periodic tick. Readers
 * ({@link #nodes()}, the commands) get immutable snapshots.
 */
@Component(service = {Cluster.class, Membership.class}, configurationPid = MembershipService.PID, immediate = true)
@Designate(ocd = MembershipService.Config.class)
public class MembershipService implements Cluster, Membership {

    static final String PID = "gomd.rgs";
    /** The cache file under the node home. */
    static final String KNOWN_GOMDS = "data/gomd/knownGomds.conf";

    private static final Logger LOG = LoggerFactory.getLogger(MembershipService.class);
    private static final Duration TICK = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final Duration REJECT_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int LOCAL_QUERIES = 16;

    @ObjectClassDefinition(id = PID, name = "gomd RGS (membership)",
            description = "Discovery and membership of gomd daemons. Every key K can be overridden on the command "
                    + "line with --K VALUE (system property gomd.K). An invalid value is logged and the last good one "
                    + "is kept. See docs/RGS.md.")
    @interface Config {
        @AttributeDefinition(name = "Stack", description = "multicast: finds daemons on the LAN by IP multicast; "
                + "unicast: TCP with a seed list and the cache file; auto: unicast when seeds are given.",
                options = {@Option(label = "auto", value = "auto"), @Option(label = "multicast", value = "multicast"),
                    @Option(label = "unicast", value = "unicast")})
        String stack() default "auto";

        @AttributeDefinition(name = "Seeds", description = "Daemons to contact at start, HOST:CONSOLE_PORT "
                + "(membership port = console port + 4; HOST:CONSOLE_PORT/MEMBERSHIP_PORT if it was changed).")
        String[] seeds() default {};

        @AttributeDefinition(name = "Cluster name", description = "Daemons only see daemons of the same name.")
        String cluster_name() default Settings.DEFAULT_CLUSTER_NAME;

        @AttributeDefinition(name = "Cluster key", type = AttributeType.PASSWORD, description = "Shared secret "
                + "that seals all membership traffic; empty: the key file. Prefer the key file.")
        String cluster_key() default "";

        @AttributeDefinition(name = "Cluster key file", description = "File holding the cluster key, relative to "
                + "the node home. Without key and file a built-in default key is used (a warning is logged).")
        String cluster_keyFile() default Settings.DEFAULT_KEY_FILE;

        @AttributeDefinition(name = "Membership address", description = "Address membership binds to; empty: the "
                + "console address (JGroups picks one when the console listens on every address).")
        String membership_bind() default "";

        @AttributeDefinition(name = "Membership port", description = "0: console port + 4. Failure detection "
                + "uses the next port.", min = "0", max = "65534")
        int membership_port() default 0;

        @AttributeDefinition(name = "Multicast address")
        String multicast_address() default Settings.DEFAULT_MULTICAST_ADDRESS;

        @AttributeDefinition(name = "Multicast port", min = "1", max = "65535")
        int multicast_port() default Settings.DEFAULT_MULTICAST_PORT;

        @AttributeDefinition(name = "Multicast TTL", description = "1 keeps discovery on the local network; "
                + "raise it where multicast is routed.", min = "0", max = "255")
        int multicast_ttl() default Settings.DEFAULT_MULTICAST_TTL;

        @AttributeDefinition(name = "Multicast interfaces", description = "Interfaces (names or addresses) that "
                + "send and receive discovery, e.g. eth1,eth0; empty: the membership address's interface.")
        String[] multicast_interfaces() default {};

        @AttributeDefinition(name = "Failure timeout (ms)", description = "A member silent this long is "
                + "reported FAILED; a crashed daemon whose sockets close is reported sooner.",
                min = "500", max = "3600000")
        int failure_timeout() default Settings.DEFAULT_FAILURE_TIMEOUT_MS;

        @AttributeDefinition(name = "Join timeout (ms)", description = "How long discovery and a join wait "
                + "for answers.", min = "100", max = "600000")
        int join_timeout() default Settings.DEFAULT_JOIN_TIMEOUT_MS;

        @AttributeDefinition(name = "Query parallelism", description = "Nodes asked at once by cluster-wide "
                + "queries (get ... ALL).", min = "1", max = "1024")
        int query_parallelism() default Settings.DEFAULT_QUERY_PARALLELISM;

        @AttributeDefinition(name = "Forget after (s)", description = "How long a node that left or failed "
                + "stays listed by nodes.", min = "0")
        int forget_after() default Settings.DEFAULT_FORGET_AFTER_S;
    }

    @Reference
    LocalNode localNode;

    @Reference
    CommandRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile EventAdmin eventAdmin;

    private final Function<String, String> systemProperties;
    private final RejectLog rejects = new RejectLog(REJECT_LOG_INTERVAL);

    private MembershipThread thread;
    private ThreadPoolExecutor localQueries;
    private volatile GomdCluster clients;
    private ClusterQuery query;
    private BundleContext context;
    private final BundleListener featureWatch = this::bundleChanged;

    // Written on the membership thread only; volatile for the readers.
    private Settings settings;
    private KnownGomds known;
    private volatile Session session;
    private volatile Announcement self;

    public MembershipService() {
        this(System::getProperty);
    }

    /** For tests: where the command-line overrides are read from. */
    MembershipService(Function<String, String> systemProperties) {
        this.systemProperties = systemProperties;
    }

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> config) {
        context = bundleContext;
        settings = Settings.parse(config, systemProperties, Settings.defaults(), this::report);
        thread = new MembershipThread("gomd-rgs");
        localQueries = new ThreadPoolExecutor(0, LOCAL_QUERIES, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named("gomd-rgs-local"));
        clients = GomdCluster.create(ClientOptions.defaults(), settings.queryParallelism());
        query = new ClusterQuery(this::isLocal, this::askLocally, localQueries,
                (node, line, timeout) -> clients.submit(new NodeAddress(node.address().getHostAddress(),
                        node.consolePort()), line, timeout));
        self = selfAnnouncement(features());
        known = new KnownGomds(new KnownGomdsFile(localNode.home().resolve(KNOWN_GOMDS)), Clock.systemUTC());
        thread.execute(this::loadKnownGomds);
        thread.execute(this::start);
        thread.every(this::tick, TICK);
        context.addBundleListener(featureWatch);
    }

    @Modified
    void modified(Map<String, Object> config) {
        thread.execute(() -> {
            Settings next = Settings.parse(config, systemProperties, settings, this::report);
            if (next.equals(settings)) {
                return;
            }
            LOG.info("[RGS] configuration changed: restarting membership");
            if (next.queryParallelism() != settings.queryParallelism()) {
                GomdCluster old = clients;
                clients = GomdCluster.create(ClientOptions.defaults(), next.queryParallelism());
                old.close();
            }
            settings = next;
            restart();
        });
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(featureWatch);
        try {
            thread.runAndWait(this::stop, STOP_WAIT);
        } catch (TimeoutException e) {
            LOG.warn("[RGS] membership did not stop within {} s", STOP_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdown();
        localQueries.shutdownNow();
        clients.close();
    }

    @Override
    public List<NodeInfo> nodes() {
        return rows().stream().map(NodeTable.Row::info).toList();
    }

    @Override
    public Map<NodeInfo, Result> ask(Collection<NodeInfo> nodes, String line, Duration timeout) {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(timeout, "timeout");
        return query.ask(nodes, line, timeout);
    }

    @Override
    public List<NodeTable.Row> rows() {
        Session s = session;
        return s != null ? s.rows() : List.of(new NodeTable.Row(info(self), false, true));
    }

    private boolean isLocal(NodeInfo node) {
        return rows().stream().anyMatch(r -> r.local() && r.info().address().equals(node.address())
                && r.info().consolePort() == node.consolePort());
    }

    /** The local node answers in-process, as a loopback caller, so its own access policy applies. */
    private Result askLocally(String line) {
        Result result = new Result();
        try {
            registry.execute(InternalRequest.from(InetAddress.getLoopbackAddress(), PID, line), result);
        } catch (CommandException e) {
            result.fail(e);
        }
        return result;
    }

    // ---- membership thread ------------------------------------------------------------------

    private void loadKnownGomds() {
        try {
            KnownGomdsFile.Contents c = known.load();
            c.problems().forEach(p -> LOG.warn("[RGS] {}", p));
            LOG.info("[RGS] {} known daemons in {} ({} duplicates discarded)", known.all().size(),
                    known.file().path(), c.duplicates());
        } catch (IOException e) {
            LOG.warn("[RGS] cannot read {}: {}; starting without known daemons", known.file().path(), e.toString());
        }
    }

    private void start() {
        self = selfAnnouncement(features());
        ClusterKey key;
        Stacks.Endpoint endpoint;
        try {
            key = ClusterKey.load(settings.clusterKey(), localNode.home().resolve(settings.clusterKeyFile()));
            endpoint = endpoint();
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("[RGS] membership not started: {}", e.getMessage());
            return;
        }
        if (key.isDefault()) {
            LOG.warn("[RGS] no cluster key: using the built-in default, which keeps out nobody running gomd; "
                    + "put a secret in {} (same on every daemon)", localNode.home().resolve(settings.clusterKeyFile()));
        } else if (key.readableByOthers()) {
            LOG.warn("[RGS] {} is readable by other users: chmod 600 it", key.source());
        }
        List<InetSocketAddress> peers = peers(endpoint);
        KeyGuard guard = new KeyGuard(key.derive(settings.clusterName()), settings.clusterName(), rejects::rejected);
        Session s = null;
        try {
            s = new Session(Stacks.build(settings, endpoint, peers, guard), settings.clusterName(), self, thread,
                    this::changed);
            session = s;
            s.connect();
            LOG.info("[RGS] node #{} is in cluster '{}': {} stack on {}:{}, {} known peers tried, cluster key from {}",
                    self.number(), settings.clusterName(), settings.effectiveStack().name().toLowerCase(Locale.ROOT),
                    s.self().consoleAddress().getHostAddress(), endpoint.port(), peers.size(), key.source());
        } catch (Exception e) {
            LOG.error("[RGS] membership could not start on port {}: {}; retrying in {} s", endpoint.port(),
                    e.getMessage(), RETRY.toSeconds());
            if (s != null) {
                s.close();
            }
            session = null;
            thread.schedule(() -> {
                if (session == null) {
                    start();
                }
            }, RETRY);
        }
    }

    private void stop() {
        if (session == null) {
            return;
        }
        Session s = session;
        session = null;
        s.alive().values().forEach(a -> known.seen(info(a), a.membershipPort()));
        s.leave();
        saveKnownGomds();
    }

    private void restart() {
        stop();
        start();
    }

    private void changed(List<NodeTable.Change> changes) {
        boolean cacheChanged = false;
        for (NodeTable.Change c : changes) {
            Events.log(c);
            Events.post(eventAdmin, c);
            switch (c.kind()) {
                case JOINED, LEFT, FAILED -> {
                    known.seen(c.node(), c.membershipPort());
                    cacheChanged = true;
                }
                default -> {
                }
            }
        }
        if (cacheChanged) {
            saveKnownGomds();
        }
    }

    private void saveKnownGomds() {
        try {
            known.save();
        } catch (IOException e) {
            LOG.warn("[RGS] cannot write {}: {}", known.file().path(), e.toString());
        }
    }

    /**
     * Forgets long-gone nodes, asks silent members to announce themselves, and restarts
     * membership if the console moved or the node was renumbered.
     */
    private void tick() {
        Announcement now = selfAnnouncement(self.features());
        if (now.number() != self.number() || now.consolePort() != self.consolePort()
                || !now.consoleAddress().equals(self.consoleAddress())) {
            LOG.info("[RGS] this node is now #{} with console {}:{}: restarting membership", now.number(),
                    now.consoleAddress().getHostAddress(), now.consolePort());
            restart();
            return;
        }
        if (session != null) {
            session.forget(settings.forgetAfter());
            session.askSilentMembers();
        }
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getBundle().getSymbolicName() != null && event.getBundle().getSymbolicName().startsWith("gomd.")
                && (event.getType() == BundleEvent.STARTED || event.getType() == BundleEvent.STOPPED)) {
            thread.execute(() -> {
                Set<String> features = features();
                self = self.withFeatures(features);
                if (session != null) {
                    session.announceFeatures(features);
                }
            });
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The gomd feature bundles running here, like the seed's "Features status". */
    private Set<String> features() {
        Set<String> names = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            String name = b.getSymbolicName();
            if (name != null && name.startsWith("gomd.") && b.getState() == Bundle.ACTIVE) {
                names.add(name);
            }
        }
        return names;
    }

    private Announcement selfAnnouncement(Set<String> features) {
        int consolePort = localNode.consolePort();
        return new Announcement(localNode.number(), localNode.hostName(), localNode.consoleAddress(), consolePort,
                settings.membershipPort(consolePort), features, Instant.now());
    }

    private static NodeInfo info(Announcement a) {
        return new NodeInfo(a.number(), a.name(), a.consoleAddress(), a.consolePort(), NodeInfo.State.ALIVE,
                a.features(), a.started());
    }

    /** Where membership binds: configured, else the console address, else (wildcard console) JGroups' choice. */
    private Stacks.Endpoint endpoint() throws IOException {
        InetAddress bind = settings.membershipBind();
        if (bind == null && !localNode.consoleAddress().isAnyLocalAddress()) {
            bind = localNode.consoleAddress();
        }
        List<NetworkInterface> interfaces = new ArrayList<>();
        for (String name : settings.multicastInterfaces()) {
            interfaces.add(networkInterface(name));
        }
        return new Stacks.Endpoint(bind, self.membershipPort(), interfaces);
    }

    private static NetworkInterface networkInterface(String name) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(name);
        if (nif == null && name.indexOf('.') >= 0 || nif == null && name.indexOf(':') >= 0) {
            try {
                nif = NetworkInterface.getByInetAddress(Addresses.literal(name));
            } catch (IllegalArgumentException notAnAddress) {
                nif = null;
            }
        }
        if (nif == null) {
            throw new IOException("multicast.interfaces: no interface '" + name + "'");
        }
        try {
            if (!nif.isUp() || !nif.supportsMulticast()) {
                throw new IOException("multicast.interfaces: '" + name + "' is down or cannot multicast");
            }
        } catch (SocketException e) {
            throw new IOException("multicast.interfaces: '" + name + "': " + e.getMessage());
        }
        return nif;
    }

    /** Seeds (resolved now) and the cache file's daemons, without this daemon itself. */
    private List<InetSocketAddress> peers(Stacks.Endpoint endpoint) {
        Set<InetSocketAddress> peers = new LinkedHashSet<>();
        for (Seed seed : settings.seeds()) {
            try {
                for (InetAddress a : InetAddress.getAllByName(seed.host())) {
                    peers.add(new InetSocketAddress(a, seed.membershipPort()));
                }
            } catch (UnknownHostException e) {
                LOG.warn("[RGS] seed {}: unknown host, skipped", seed.host());
            }
        }
        known.all().forEach(g -> peers.add(g.membershipAddress()));
        if (endpoint.bind() != null) {
            peers.remove(new InetSocketAddress(endpoint.bind(), endpoint.port()));
        }
        return List.copyOf(peers);
    }

    private void report(String problem) {
        LOG.warn("{}: {}", PID, problem);
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.incrementAndGet() == 1 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }
}
