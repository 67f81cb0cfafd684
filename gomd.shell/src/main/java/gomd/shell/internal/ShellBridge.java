package gomd.shell.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.CollectorRegistry;
import gomd.core.api.CommandInfo;
import gomd.core.api.CommandListener;
import gomd.core.api.CommandRegistry;

/**
 * Keeps one Karaf shell command {@code gomd:NAME} per registered gomd command. Core tells this
 * listener whenever the command set changes, so shell commands come and go with their bundles.
 * Every shell command runs through {@link CommandRegistry#execute}, like the line console, so
 * access control and error handling are the same on both front ends.
 */
@Component(service = CommandListener.class, immediate = true)
public class ShellBridge implements CommandListener {

    private static final Logger LOG = LoggerFactory.getLogger(ShellBridge.class);

    @Reference
    SessionFactory sessionFactory;

    /**
     * Optional and dynamic: the registry also tracks this listener, and a mandatory reference
     * both ways makes SCR report a circular reference while the two start.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CommandRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CollectorRegistry collectors;

    /** The shell commands in force, by gomd command name. */
    private final Map<String, ShellCommand> registered = new HashMap<>();
    private boolean active;

    @Activate
    synchronized void activate() {
        active = true;
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        registered.values().forEach(sessionFactory.getRegistry()::unregister);
        registered.clear();
    }

    @Override
    public synchronized void commandsChanged(List<CommandInfo> commands) {
        if (!active) {
            return;
        }
        Map<String, CommandInfo> wanted = new HashMap<>();
        commands.forEach(c -> wanted.put(c.name(), c));

        registered.entrySet().removeIf(e -> {
            CommandInfo now = wanted.get(e.getKey());
            if (now != null && now.equals(e.getValue().info())) {
                return false;
            }
            sessionFactory.getRegistry().unregister(e.getValue());
            LOG.debug("Removed shell command gomd:{}", e.getKey());
            return true;
        });
        for (CommandInfo info : commands) {
            if (!registered.containsKey(info.name())) {
                ShellCommand command = new ShellCommand(info, this);
                sessionFactory.getRegistry().register(command);
                registered.put(info.name(), command);
                LOG.debug("Added shell command gomd:{}", info.name());
            }
        }
    }

    /** Names of the gomd commands (for completion). */
    synchronized List<String> commandNames() {
        return registered.keySet().stream().sorted().toList();
    }

    /** Names of the collectors {@code get} knows (for completion); empty without core's collector registry. */
    List<String> collectorNames() {
        CollectorRegistry c = collectors;
        return c == null ? List.of() : c.names();
    }
}
