package gomd.scx.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.AccessDecision;
import gomd.core.api.AccessPolicy;
import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.ErrorCode;
import gomd.core.api.LocalNode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Permission;

/**
 * The part of SCX that {@code exec}, {@code cwc} and {@code scx-run} share: the policy of
 * {@code scx.conf}, the checks every run passes on this node, the program runner with its
 * limits, and the cluster key that signs and checks daemon-to-daemon requests.
 *
 * <p>Core has already checked the command's own permission ({@code EXEC_LOCAL} for
 * {@code exec}, {@code EXEC_CLUSTER} for {@code cwc} and {@code scx-run}) before any of this
 * runs: the SCX policy is a further gate, never a way around the ACL.
 *
 * <p>Immediate: it watches files and holds the replay memory for as long as the bundle runs,
 * whoever uses it (the commands take it only while they run, see {@link Engines}).
 */
@Component(service = ScxEngine.class, configurationPid = ScxEngine.PID, immediate = true)
@Designate(ocd = ScxEngine.Config.class)
public class ScxEngine {

    static final String PID = "gomd.scx";
    static final String RGS_PID = "gomd.rgs";
    private static final Logger LOG = LoggerFactory.getLogger(ScxEngine.class);
    /** How long a run waits for a free slot before the node answers BUSY. */
    private static final Duration SLOT_WAIT = Duration.ofSeconds(5);
    private static final int MAX_PRINCIPAL = 128;

    @ObjectClassDefinition(id = PID, name = "gomd SCX",
            description = "Secure cluster-wide execution: exec, cwc and the policy file scx.conf.")
    @interface Config {
        @AttributeDefinition(name = "Cluster key", type = AttributeType.PASSWORD,
                description = "Secret (at least 16 bytes) that signs daemon-to-daemon requests. Empty: gomd.rgs's "
                        + "cluster.key, else gomd.rgs's key file (cluster.keyFile, default etc/gomd/cluster.key under "
                        + "the node home); with none, cwc runs on the local node only and requests from other "
                        + "daemons are refused.")
        String cluster_key() default "";

        @AttributeDefinition(name = "Policy file",
                description = "The SCX policy; a relative path is below the node home.")
        String policy_file() default "etc/gomd/scx.conf";

        @AttributeDefinition(name = "Policy check interval (s)", min = "1", max = "3600",
                description = "How often the policy file and the key file are checked for changes.")
        int policy_pollInterval() default 2;

        @AttributeDefinition(name = "Default timeout (s)", min = "1",
                description = "Per-node timeout when -t is not given.")
        int exec_defaultTimeout() default 60;

        @AttributeDefinition(name = "Largest timeout (s)", min = "1", description = "The most -t may ask for.")
        int exec_maxTimeout() default 3600;

        @AttributeDefinition(name = "Programs running at once", min = "1",
                description = "On this node, for exec and for requests of other nodes; more wait up to 5 s, then BUSY.")
        int exec_maxRunning() default 8;

        @AttributeDefinition(name = "Most words", min = "1", description = "Program plus arguments.")
        int argv_maxWords() default 256;

        @AttributeDefinition(name = "Most bytes", min = "16", description = "Program plus arguments, UTF-8.")
        int argv_maxBytes() default 2048;

        @AttributeDefinition(name = "Output per node (bytes)", min = "1024",
                description = "Output beyond it is cut, with a marker line.")
        long output_maxBytesPerNode() default 262144;

        @AttributeDefinition(name = "Output of a cwc in all (bytes)", min = "1024",
                description = "Keep it below the console's answer limit (console.maxAnswerBytes, 4 MiB).")
        long output_maxBytesTotal() default 2097152;

        @AttributeDefinition(name = "Output line length (bytes)", min = "80",
                description = "Longer output lines are split.")
        int output_maxLineLength() default 4096;

        @AttributeDefinition(name = "Fan-out", min = "1",
                description = "Nodes a cwc runs on at once when -f is not given.")
        int cwc_fanout() default 32;

        @AttributeDefinition(name = "Largest fan-out", min = "1", description = "The most -f may ask for.")
        int cwc_maxFanout() default 256;

        @AttributeDefinition(name = "cwc runs at once", min = "1", description = "More get BUSY.")
        int cwc_maxRunning() default 4;

        @AttributeDefinition(name = "Signature window (s)", min = "1",
                description = "A signed request is accepted while its time stamp is within this of the node's clock.")
        int signature_window() default 60;

        @AttributeDefinition(name = "Nonces remembered", min = "16",
                description = "Bound of the replay memory; when full, signed requests get BUSY.")
        int signature_nonceCapacity() default 100000;
    }

    @Reference
    LocalNode localNode;

    /** Taken at each decision (see {@link Engines}: gomd.acl needs {@code LocalNode} too). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ComponentServiceObjects<AccessPolicy> accessPolicy;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configAdmin;

    /** The clock of time stamps and the replay window; replaced by unit tests. */
    Clock clock = Clock.systemUTC();

    private final SecureRandom random = new SecureRandom();
    private final RefusalLog refusals = new RefusalLog();
    private final AtomicInteger threadCount = new AtomicInteger();
    private volatile Settings settings = Settings.DEFAULTS;
    private volatile PolicyStore policy;
    private volatile Semaphore runSlots;
    private volatile Semaphore cwcSlots;
    private volatile ReplayGuard replay;
    private ProcessRunner runner;
    private volatile RequestMac mac;
    private ClusterKeySource.Choice key;
    private String keyProblem;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> refreshTask;

    @Activate
    synchronized void activate(Config config) {
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "gomd-scx-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        runner = new ProcessRunner(scheduler);
        configure(config, null);
    }

    @Modified
    synchronized void modified(Config config) {
        configure(config, settings);
    }

    @Deactivate
    synchronized void deactivate() {
        runner.close();
        scheduler.shutdownNow();
    }

    private void configure(Config config, Settings last) {
        Settings s = Settings.from(config, last == null ? Settings.DEFAULTS : last);
        Path file = localNode.home().resolve(s.policyFile());
        if (policy == null || !policy.file().equals(file)) {
            policy = new PolicyStore(file, clock);
        }
        if (last == null || s.maxRunning() != last.maxRunning()) {
            runSlots = new Semaphore(s.maxRunning(), true);
        }
        if (last == null || s.maxCwc() != last.maxCwc()) {
            cwcSlots = new Semaphore(s.maxCwc());
        }
        if (last == null || !s.signatureWindow().equals(last.signatureWindow())
                || s.nonceCapacity() != last.nonceCapacity()) {
            // A new guard remembers no nonce, so it refuses everything signed before it existed.
            replay = new ReplayGuard(s.signatureWindow(), s.nonceCapacity(), clock);
        }
        settings = s;
        refresh();
        if (refreshTask != null) {
            refreshTask.cancel(false);
        }
        long period = s.pollInterval().toMillis();
        refreshTask = scheduler.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    /** Rereads the policy file and the cluster key if they changed. */
    void refresh() {
        policy.refresh();
        refreshKey();
    }

    private synchronized void refreshKey() {
        ClusterKeySource.Choice choice;
        try {
            Path keyFile = localNode.home().resolve(rgsSetting("cluster.keyFile").orElse(ClusterKeySource.KEY_FILE));
            choice = ClusterKeySource.pick(settings.clusterKey(), () -> rgsSetting("cluster.key"), keyFile)
                    .orElse(null);
        } catch (IOException e) {
            if (!e.getMessage().equals(keyProblem)) {
                LOG.error("SCX: cannot read the cluster key ({}); keeping the key in force", e.getMessage());
                keyProblem = e.getMessage();
            }
            return;
        }
        keyProblem = null;
        if (choice == null ? key == null : choice.equals(key)) {
            return;
        }
        key = choice;
        if (choice == null) {
            mac = null;
            LOG.warn("SCX: no cluster key (gomd.scx or gomd.rgs cluster.key, or {}): cwc runs on the local node only "
                    + "and requests from other nodes are refused", ClusterKeySource.KEY_FILE);
            return;
        }
        try {
            mac = new RequestMac(choice.secret());
            LOG.info("SCX: signing daemon-to-daemon requests with the cluster key from {}", choice.source());
        } catch (IllegalArgumentException e) {
            mac = null;
            LOG.error("SCX: the cluster key from {} is not usable ({}): remote execution is off", choice.source(),
                    e.getMessage());
        }
    }

    /** A setting of gomd.rgs, read without binding its configuration to this bundle; empty if unset. */
    private Optional<String> rgsSetting(String key) {
        ConfigurationAdmin ca = configAdmin;
        if (ca == null) {
            return Optional.empty();
        }
        try {
            Configuration[] found = ca.listConfigurations("(service.pid=" + RGS_PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return Optional.empty();
            }
            Object v = found[0].getProperties().get(key);
            return Optional.ofNullable(v).map(String::valueOf).map(String::strip).filter(x -> !x.isEmpty());
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("SCX: cannot read the configuration of {}: {}", RGS_PID, e.toString());
            return Optional.empty();
        }
    }

    Settings settings() {
        return settings;
    }

    Policy policy() {
        return policy.current();
    }

    /** Why the policy file as it is now is not in force, if it is not. */
    Optional<String> policyProblem() {
        return policy.lastError();
    }

    Path policyFile() {
        return policy.file();
    }

    int nodeNumber() {
        return localNode.number();
    }

    String hostName() {
        return localNode.hostName();
    }

    InetAddress consoleAddress() {
        return localNode.consoleAddress();
    }

    int consolePort() {
        return localNode.consolePort();
    }

    /** Whether this node can sign and check daemon-to-daemon requests. */
    boolean hasClusterKey() {
        return mac != null;
    }

    /** The per-node timeout: {@code asked}, or the default. */
    Duration timeout(Optional<Duration> asked) throws CommandException {
        Duration max = settings.maxTimeout();
        if (asked.isPresent() && asked.get().compareTo(max) > 0) {
            throw new CommandException(ErrorCode.BAD_REQUEST,
                    "timeout over the largest allowed, " + max.toSeconds() + " s");
        }
        return asked.orElse(settings.defaultTimeout());
    }

    /** Takes a slot for a cwc run; the caller must {@link #endCwc()} after. */
    void startCwc() throws CommandException {
        if (!cwcSlots.tryAcquire()) {
            throw new CommandException(ErrorCode.BUSY, "too many cwc runs at once on node #" + nodeNumber());
        }
    }

    void endCwc() {
        cwcSlots.release();
    }

    /**
     * Checks {@code argv} (limits, program name) without running it: what every node would
     * refuse at once.
     */
    void checkArgv(List<String> argv) throws CommandException {
        settings.argv().check(argv);
        ProgramResolver.checkName(argv.get(0));
    }

    /**
     * Runs {@code argv} on this node for {@code caller}, after the checks of this node: limits,
     * the SCX policy, the ACL when the policy asks for it, and the program's presence.
     *
     * @throws CommandException when refused: {@code DENIED}, {@code NOT_FOUND}, {@code BAD_REQUEST},
     *                          {@code TOO_LARGE}, {@code BUSY}; or {@code UNAVAILABLE}/{@code FAILED}
     *                          when the program cannot be started
     */
    RunResult run(List<String> argv, Caller caller, Duration timeout, LineSink sink, BooleanSupplier cancelled)
            throws CommandException {
        checkArgv(argv);
        String command = CommandLine.join(argv);
        Optional<Program> program = ProgramResolver.resolve(argv.get(0));
        PolicyDecision decision = policy.current().decide(argv, program);
        if (!decision.allowed()) {
            throw refuse(caller, command, "blocked by " + decision.rule());
        }
        if (decision.aclCheckRequired()) {
            AccessDecision acl = access(caller.address(), Permission.ADMIN, "exec " + argv.get(0));
            if (!acl.allowed()) {
                throw refuse(caller, command, decision.rule() + " needs ADMIN in the ACL: " + acl.reason());
            }
        }
        if (program.isEmpty()) {
            throw new CommandException(ErrorCode.NOT_FOUND, "no program " + argv.get(0) + " on node #" + nodeNumber());
        }
        Semaphore slots = runSlots;
        if (!acquire(slots, timeout.compareTo(SLOT_WAIT) < 0 ? timeout : SLOT_WAIT)) {
            throw new CommandException(ErrorCode.BUSY, "too many programs running on node #" + nodeNumber());
        }
        try {
            LOG.info("SCX: running {} for {} (allowed by {})", command, caller.principal(), decision.rule());
            RunResult result = runner.run(program.get(), argv.subList(1, argv.size()), timeout,
                    settings.maxLineLength(), sink, cancelled);
            LOG.info("SCX: {} for {}: {} exit {} after {} ms", command, caller.principal(), result.ending(),
                    result.exitCode(), result.elapsed().toMillis());
            return result;
        } finally {
            slots.release();
        }
    }

    /** Signs a request for {@code target} to run {@code argv} for {@code origin}. */
    SignedRequest sign(NodeInfo target, Caller origin, Duration timeout, List<String> argv) throws CommandException {
        RequestMac m = mac;
        if (m == null) {
            throw new CommandException(ErrorCode.UNAVAILABLE, "no cluster key on node #" + nodeNumber()
                    + ": remote execution is off");
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return m.sign(new SignedRequest(nodeNumber(), target.number(), literal(origin.address()),
                printable(origin.principal()), clock.millis(), HexFormat.of().formatHex(nonce), timeout.toMillis(),
                argv, ""));
    }

    /**
     * Admits a signed request that arrived from {@code relay}: a good MAC under the cluster key,
     * meant for this node, fresh and never seen, and an origin that this node's ACL allows
     * {@code EXEC_CLUSTER} (core has checked the relaying daemon's own address already). An
     * origin on the relaying node's loopback is judged as the relaying node's address: it is a
     * local user there, not here.
     *
     * @return the caller to run for, as this node sees it
     */
    Caller admit(SignedRequest request, InetAddress relay) throws CommandException {
        RequestMac m = mac;
        String from = "node #" + request.from() + " (" + relay.getHostAddress() + ")";
        if (m == null) {
            throw refuseSigned(relay, from, ErrorCode.UNAVAILABLE, "no cluster key on node #" + nodeNumber()
                    + ": remote execution is off");
        }
        if (!m.verify(request)) {
            throw refuseSigned(relay, from, ErrorCode.DENIED, "bad signature");
        }
        if (request.to() != nodeNumber()) {
            throw refuseSigned(relay, from, ErrorCode.DENIED, "request signed for node #" + request.to());
        }
        switch (replay.check(request.timestamp(), request.nonce())) {
            case STALE -> throw refuseSigned(relay, from, ErrorCode.DENIED, "stale request (time stamp more than "
                    + settings.signatureWindow().toSeconds() + " s from the clock of node #" + nodeNumber() + ")");
            case REPLAYED -> throw refuseSigned(relay, from, ErrorCode.DENIED, "replayed request");
            case FULL -> throw refuseSigned(relay, from, ErrorCode.BUSY, "too many signed requests");
            case FRESH -> {
                // go on
            }
        }
        InetAddress origin;
        try {
            origin = InetAddress.getByName(request.origin()); // an IP literal (checked by parse): no lookup
        } catch (UnknownHostException e) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "ORIGIN is not an IP address");
        }
        if (isLoopback(origin) || origin.isAnyLocalAddress()) {
            origin = relay;
        }
        Caller caller = new Caller(origin, request.principal() + "@" + origin.getHostAddress() + " via " + from);
        AccessDecision acl = access(origin, Permission.EXEC_CLUSTER, "cwc");
        if (!acl.allowed()) {
            throw refuse(caller, CommandLine.join(request.argv()), "origin has no EXEC_CLUSTER: " + acl.reason());
        }
        return caller;
    }

    /**
     * The access policy's answer, or core's default without one: loopback callers only. A policy
     * that is installed but cannot be had, fails or answers nothing denies.
     */
    AccessDecision access(InetAddress caller, Permission permission, String command) {
        ComponentServiceObjects<AccessPolicy> policies = accessPolicy;
        if (policies == null) {
            return isLoopback(caller) ? AccessDecision.allow("loopback caller (no access policy installed)")
                    : AccessDecision.deny("not a loopback caller (no access policy installed)");
        }
        AccessPolicy p = policies.getService();
        if (p == null) {
            return AccessDecision.deny("access policy not available");
        }
        try {
            AccessDecision d = p.decide(caller, permission, command);
            return d != null ? d : AccessDecision.deny("access policy gave no answer");
        } catch (RuntimeException e) {
            LOG.error("SCX: access policy failed to decide {} {} for {}; denied", command, permission, caller, e);
            return AccessDecision.deny("access policy failed");
        } finally {
            policies.ungetService(p);
        }
    }

    private CommandException refuse(Caller caller, String command, String why) {
        refusals.log(caller.address(), "SCX: refused {} for {}: {}", command, caller.principal(), why);
        return new CommandException(ErrorCode.DENIED, "not allowed by the SCX policy of node #" + nodeNumber());
    }

    private CommandException refuseSigned(InetAddress relay, String from, ErrorCode code, String why) {
        refusals.log(relay, "SCX: refused a signed request from {}: {}", from, why);
        return new CommandException(code, why);
    }

    private static boolean acquire(Semaphore slots, Duration wait) throws CommandException {
        try {
            return slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ErrorCode.UNAVAILABLE, "interrupted");
        }
    }

    /** 127.0.0.0/8, ::1 and the IPv4-mapped {@code ::ffff:127.x.y.z}. */
    static boolean isLoopback(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            return mapped ? b[12] == 127 : a.isLoopbackAddress();
        }
        return a instanceof Inet4Address && a.isLoopbackAddress();
    }

    /** The address as a literal without an IPv6 scope. */
    private static String literal(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(MAX_PRINCIPAL).forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
