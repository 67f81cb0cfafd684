package gomd.core.internal.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.AccessPolicy;
import gomd.core.api.CommandRegistry;
import gomd.core.api.LocalNode;
import gomd.core.internal.console.ConsoleServer;
import gomd.core.internal.console.ConsoleSettings;
import gomd.core.internal.registry.Access;

/**
 * This node: reads the {@code gomd.core} configuration, provides {@link LocalNode} and runs the
 * line console with it. One component does both so that a configuration change is validated
 * and logged once, and {@link #consolePort()} is always the port the console really listens on.
 */
@Component(service = LocalNode.class, configurationPid = NodeComponent.PID, immediate = true)
@Designate(ocd = NodeComponent.Config.class)
public class NodeComponent implements LocalNode {

    static final String PID = "gomd.core";

    private static final Logger LOG = LoggerFactory.getLogger(NodeComponent.class);

    @ObjectClassDefinition(id = PID, name = "gomd core",
            description = "Node identity and the line console. The launcher's --bind, --port, --node-id and --home "
                    + "(system properties gomd.bind, gomd.port, gomd.node.id, gomd.home) win over these values. "
                    + "An invalid value is logged and the last good one is kept.")
    @interface Config {
        @AttributeDefinition(name = "Console address",
                description = "IP address the line console listens on; 0.0.0.0 or :: for every interface.")
        String console_bind() default NodeSettings.DEFAULT_BIND;

        @AttributeDefinition(name = "Console port", description = "TCP port of the line console (0: any free port).",
                min = "0", max = "65535")
        int console_port() default NodeSettings.DEFAULT_PORT;

        @AttributeDefinition(name = "Node number",
                description = "Shown as 'Here is node #N'; 0 derives it from the last two octets of the first "
                        + "non-loopback IPv4 address ((o3 << 8) + o4), or 1 on a host with none.",
                min = "0", max = "65535")
        int node_id() default 0;

        @AttributeDefinition(name = "Idle timeout", description = "Seconds a console session may wait without a "
                + "request before it is closed.", min = "1", max = "86400")
        int console_idleTimeout() default NodeSettings.DEFAULT_IDLE_TIMEOUT;

        @AttributeDefinition(name = "Maximum line length", description = "Bytes per request line.",
                min = "64", max = "1048576")
        int console_maxLineLength() default NodeSettings.DEFAULT_MAX_LINE_LENGTH;

        @AttributeDefinition(name = "Maximum connections", description = "Console sessions in all.",
                min = "1", max = "10000")
        int console_maxConnections() default NodeSettings.DEFAULT_MAX_CONNECTIONS;

        @AttributeDefinition(name = "Maximum connections per address",
                description = "Console sessions from one client address.", min = "1", max = "10000")
        int console_maxConnectionsPerAddress() default NodeSettings.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

        @AttributeDefinition(name = "Maximum answer size", description = "Bytes of one answer; the rest is cut.",
                min = "1024", max = "1073741824")
        int console_maxAnswerBytes() default NodeSettings.DEFAULT_MAX_ANSWER_BYTES;

        @AttributeDefinition(name = "Home", description = "Instance directory holding etc/, data/ and log/ "
                + "(empty: the Karaf base directory).")
        String home() default "";
    }

    @Reference
    CommandRegistry registry;

    /** Optional: without it only loopback callers get a session. Greedy so the highest ranked policy wins. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AccessPolicy accessPolicy;

    private final Function<String, String> systemProperties;
    private final String hostName = NodeIdentity.hostName();

    private volatile NodeSettings settings;
    private volatile int number;
    private ConsoleServer console;

    public NodeComponent() {
        this(System::getProperty);
    }

    /** For tests: where the launcher's overrides and karaf.base are read from. */
    NodeComponent(Function<String, String> systemProperties) {
        this.systemProperties = systemProperties;
    }

    @Activate
    synchronized void activate(Map<String, Object> config) {
        console = new ConsoleServer(registry, caller -> Access.admit(accessPolicy, caller));
        settings = NodeSettings.parse(config, systemProperties, NodeSettings.defaults(systemProperties), this::report);
        apply(null);
        LOG.info("gomd node #{} on {}, home {}, console {}", number, hostName, settings.home(), consoleState());
    }

    @Modified
    synchronized void modified(Map<String, Object> config) {
        NodeSettings before = settings;
        settings = NodeSettings.parse(config, systemProperties, before, this::report);
        apply(before);
        if (!settings.equals(before)) {
            LOG.info("gomd.core configuration applied: node #{}, home {}, console {}", number, settings.home(),
                    consoleState());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        console.stop();
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public InetAddress consoleAddress() {
        return settings.bind();
    }

    @Override
    public int consolePort() {
        InetSocketAddress listening = console.localAddress();
        return listening != null ? listening.getPort() : settings.port();
    }

    @Override
    public Path home() {
        return settings.home();
    }

    /** Puts {@link #settings} in force; {@code before} is null at activation. */
    private void apply(NodeSettings before) {
        NodeSettings s = settings;
        number = s.nodeId() != 0 ? s.nodeId() : NodeIdentity.deriveNumber(NodeIdentity.interfaceAddresses());
        try {
            console.configure(new ConsoleSettings(s.bind(), s.port(), hostName, number,
                    Duration.ofSeconds(s.idleTimeoutSeconds()), s.maxLineLength(), s.maxConnections(),
                    s.maxConnectionsPerAddress(), s.maxAnswerBytes()));
        } catch (IOException e) {
            if (before != null && console.localAddress() != null) {
                LOG.error("console: {}; it stays on {}", e.getMessage(), consoleState());
                settings = s.withListen(before.bind(), before.port());
            } else {
                // Nothing to fall back to; the next configuration change tries again.
                LOG.error("console: {}; it is not listening", e.getMessage());
            }
        }
    }

    private String consoleState() {
        InetSocketAddress a = console.localAddress();
        return a == null ? "not listening" : "on " + a.getAddress().getHostAddress() + " port " + a.getPort();
    }

    private void report(String problem) {
        LOG.warn("{}: {}", PID, problem);
    }
}
