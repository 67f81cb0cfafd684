package gomd.acl.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.acl.internal.AclPolicy.Standing;
import gomd.acl.internal.AclPolicy.State;
import gomd.core.api.LocalNode;

/**
 * Keeps the {@link AclPolicy} current: reads the rulebook ({@code etc/gomd/acl.conf} under the node
 * home) at activation and whenever it changes (checked every {@code reloadInterval} seconds), and
 * reads the interfaces for {@code LOCAL_SUBNET} every {@code localSubnetRefresh} seconds. Only a
 * fully parsed rulebook is put in force; a missing file means the built-in loopback-only default.
 */
@Component(service = AclLoader.class, immediate = true, configurationPid = AclLoader.PID)
@Designate(ocd = AclLoader.Config.class)
public class AclLoader {

    static final String PID = "gomd.acl";
    static final String DEFAULT_RULEBOOK = "etc/gomd/acl.conf";
    private static final Logger LOG = LoggerFactory.getLogger(AclLoader.class);

    @ObjectClassDefinition(name = "gomd ACL", description = "Who may connect to gomd and what they may run.")
    @interface Config {
        @AttributeDefinition(name = "Rulebook", description = "Path of the rulebook file; a relative path is below "
                + "the node home. Empty: " + DEFAULT_RULEBOOK + " under the node home.")
        String rulebook() default "";

        @AttributeDefinition(name = "Reload check interval (s)", min = "1", max = "3600",
                description = "How often the rulebook file is checked for changes.")
        int reloadInterval() default 2;

        @AttributeDefinition(name = "LOCAL_SUBNET refresh interval (s)", min = "1", max = "3600",
                description = "How often the node's interface prefixes (LOCAL_SUBNET) are read again.")
        int localSubnetRefresh() default 30;
    }

    @Reference
    LocalNode node;

    @Reference
    AclPolicy policy;

    /** Reads the node's interface prefixes; replaced by unit tests. */
    Callable<List<Cidr>> interfaces = LocalSubnets::read;

    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> reloadTask;
    private ScheduledFuture<?> subnetTask;
    /** The configured rulebook path, resolved against the node home at every look (the home may move). */
    private Path rulebook = Path.of(DEFAULT_RULEBOOK);
    private RulebookLoader loader;
    private int reloadInterval = 2;
    private int localSubnetRefresh = 30;

    @Activate
    synchronized void activate(Config config) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gomd-acl");
            t.setDaemon(true);
            return t;
        });
        configure(config, "start");
        scheduler.scheduleWithFixedDelay(guarded("denial summary", policy::flushDenials), 1, 1, TimeUnit.MINUTES);
    }

    @Modified
    synchronized void modified(Config config) {
        reloadTask.cancel(false);
        subnetTask.cancel(false);
        configure(config, "configuration change");
    }

    @Deactivate
    synchronized void deactivate() {
        scheduler.shutdownNow();
    }

    /** Applies the configuration, loads the rulebook and schedules the periodic checks. */
    private void configure(Config config, String trigger) {
        reloadInterval = interval("reloadInterval", config.reloadInterval(), reloadInterval);
        localSubnetRefresh = interval("localSubnetRefresh", config.localSubnetRefresh(), localSubnetRefresh);
        rulebook = rulebookSetting(config.rulebook());
        refreshLocalSubnets();
        reload(true, trigger);
        reloadTask = scheduler.scheduleWithFixedDelay(guarded("rulebook check", () -> reload(false, "file changed")),
                reloadInterval, reloadInterval, TimeUnit.SECONDS);
        subnetTask = scheduler.scheduleWithFixedDelay(guarded("LOCAL_SUBNET refresh", this::refreshLocalSubnets),
                localSubnetRefresh, localSubnetRefresh, TimeUnit.SECONDS);
    }

    /** A periodic task that survives a bug: an escaping exception would silently cancel it. */
    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("ACL {} failed; it runs again at the next interval", what, e);
            }
        };
    }

    private static int interval(String key, int value, int lastGood) {
        if (value < 1 || value > 3600) {
            LOG.warn("{}: {}={} is outside 1..3600 seconds; keeping {}", PID, key, value, lastGood);
            return lastGood;
        }
        return value;
    }

    /** The configured path (relative ones are below the node home); an invalid one is reported, the last good kept. */
    private Path rulebookSetting(String configured) {
        if (configured.isBlank()) {
            return Path.of(DEFAULT_RULEBOOK);
        }
        try {
            return Path.of(configured.strip());
        } catch (InvalidPathException e) {
            LOG.warn("{}: rulebook={} is not a valid path ({}); keeping {}", PID, configured, e.getMessage(), rulebook);
            return rulebook;
        }
    }

    /**
     * Looks at the rulebook file and puts a new, fully parsed rulebook in force; a bad one is
     * reported and the rules in force stay. {@code force} re-reads an unchanged file too.
     *
     * @param trigger why, for the log (e.g. who asked)
     * @return the policy's state after the look
     */
    synchronized State reload(boolean force, String trigger) {
        Path file = node.home().resolve(rulebook);
        if (loader == null || !loader.file().equals(file)) {
            loader = new RulebookLoader(file);
        }
        RulebookLoader.Outcome outcome = loader.check(force, Instant.now());
        Rulebook before = policy.state().rulebook();
        if (outcome instanceof RulebookLoader.Outcome.Loaded loaded) {
            Rulebook rb = loaded.rulebook();
            policy.state(new State(file, rb, Standing.LOADED, null));
            LOG.info("ACL rulebook {} loaded ({}): {} rules", rb.source(), trigger, rb.rules().size());
            rb.rules().forEach(r -> LOG.info("ACL rule -> {}", r.text()));
        } else if (outcome instanceof RulebookLoader.Outcome.Missing) {
            policy.state(new State(file, Rulebook.builtIn(Instant.now()), Standing.MISSING,
                    "file not found; the built-in default " + Rulebook.BUILT_IN_TEXT + " is in force"));
            LOG.warn("ACL rulebook {} not found ({}): only loopback callers are served ({})",
                    file, trigger, Rulebook.BUILT_IN_TEXT);
        } else if (outcome instanceof RulebookLoader.Outcome.Failed failed) {
            policy.state(new State(file, before, Standing.REJECTED,
                    failed.problem() + "; the rules from " + before.source() + " stay in force"));
            LOG.error("ACL rulebook rejected ({}): {}; the rules loaded from {} at {} stay in force", trigger,
                    failed.problem(), before.source(), before.loaded());
        }
        return policy.state();
    }

    /** Reads the interfaces again; a failed read keeps the prefixes known. */
    void refreshLocalSubnets() {
        try {
            List<Cidr> now = interfaces.call();
            if (!now.equals(policy.localSubnets())) {
                LOG.info("ACL LOCAL_SUBNET is now {}", now);
                policy.localSubnets(now);
            }
        } catch (Exception e) {
            LOG.warn("ACL cannot read the network interfaces, LOCAL_SUBNET stays {}: {}", policy.localSubnets(),
                    e.toString());
        }
    }
}
