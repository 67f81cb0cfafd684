package gomd.core.internal.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.AccessDecision;
import gomd.core.api.AccessPolicy;
import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandInfo;
import gomd.core.api.CommandListener;
import gomd.core.api.CommandRegistry;
import gomd.core.api.ErrorCode;
import gomd.core.api.Reply;
import gomd.core.api.Request;

/**
 * The whiteboard of {@link Command} services. A command appears on every front end as soon as
 * its service is registered and disappears when it goes; a clash on a name is won by the
 * highest {@code service.ranking} (then the oldest service), and the next one takes over when
 * the winner leaves. Commands run on the caller's thread.
 */
@Component(service = CommandRegistry.class)
public class CommandRegistryImpl implements CommandRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistryImpl.class);

    /** Optional: without it {@link Access} serves loopback callers only. Greedy so the highest ranked policy wins. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AccessPolicy accessPolicy;

    private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();

    /** Every well-formed registration by service.id, winners and shadowed ones; guarded by {@code this}. */
    private final Map<Long, Registration> registrations = new HashMap<>();

    /** The winner per name, rebuilt on every change so that lookups need no lock. */
    private volatile Map<String, Registration> active = Map.of();

    /** Serializes listener calls so that the last call a listener gets always carries the current set. */
    private final Object notifyLock = new Object();

    /** Takes the service objects, not the command: see {@link LazyCommand} for why it is got later. */
    @Reference(service = Command.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindCommand", updated = "updatedCommand")
    void bindCommand(ComponentServiceObjects<Command> command, ServiceReference<Command> ref) {
        replace(ref, parse(command, ref));
    }

    /** New properties can rename the command, change its ranking or make it malformed. */
    void updatedCommand(ComponentServiceObjects<Command> command, ServiceReference<Command> ref) {
        replace(ref, parse(command, ref));
    }

    void unbindCommand(ServiceReference<Command> ref) {
        replace(ref, null);
    }

    @Reference(service = CommandListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindListener")
    void bindListener(CommandListener listener) {
        listeners.add(listener);
        synchronized (notifyLock) {
            tell(listener, commands());
        }
    }

    void unbindListener(CommandListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<CommandInfo> commands() {
        return active.values().stream().map(Registration::info).toList();
    }

    @Override
    public Optional<CommandInfo> find(String name) {
        return Optional.ofNullable(active.get(name)).map(Registration::info);
    }

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        Registration r = active.get(request.command());
        if (r == null) {
            throw new CommandException(ErrorCode.UNKNOWN_COMMAND, "unknown command " + request.command());
        }
        CommandInfo info = r.info();
        AccessDecision decision = Access.decide(accessPolicy, request.callerAddress(), info.permission(), info.name());
        if (!decision.allowed()) {
            LOG.debug("denied {} to {} via {}: {}", info.name(), request.principal(), request.frontEnd(),
                    decision.reason());
            throw new CommandException(ErrorCode.DENIED, "denied");
        }
        Command command = r.command().get(info.name());
        try {
            command.execute(request, reply);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a command whose bundle is being updated can lose its classes mid-call.
            LOG.error("command '{}' of {} failed on request '{}' from {}", info.name(), info.bundle(),
                    request.line(), request.principal(), e);
            throw new CommandException(ErrorCode.INTERNAL, "internal error");
        }
    }

    /** Reads a registration; a malformed one is logged and gives null. */
    private static Registration parse(ComponentServiceObjects<Command> command, ServiceReference<Command> ref) {
        try {
            return Registration.of(command, ref);
        } catch (IllegalArgumentException e) {
            LOG.error("ignoring command service service.id={} of {}: {}", ref.getProperty(Constants.SERVICE_ID),
                    Registration.bundleName(ref.getBundle()), e.getMessage());
            return null;
        }
    }

    /** Puts {@code now} (null: nothing) in place of whatever {@code ref} registered before, then tells the listeners. */
    private void replace(ServiceReference<Command> ref, Registration now) {
        synchronized (this) {
            Registration before = registrations.remove(Registration.idOf(ref));
            if (before == null && now == null) {
                return;
            }
            Map<String, Registration> old = active;
            if (now != null) {
                registrations.put(now.serviceId(), now);
            }
            rebuild();
            if (before != null && old.get(before.info().name()) == before) {
                Registration next = active.get(before.info().name());
                if (next != null && next != now) {
                    LOG.info("command '{}' is now served by {} instead of {}", next.info().name(), next.describe(),
                            before.describe());
                }
            }
            if (now != null) {
                logClash(now.info().name());
            }
        }
        notifyListeners();
    }

    /** Called with the lock held. */
    private void rebuild() {
        Map<String, Registration> winners = new TreeMap<>();
        for (Registration r : registrations.values()) {
            winners.merge(r.info().name(), r, (a, b) -> Registration.PRECEDENCE.compare(a, b) <= 0 ? a : b);
        }
        active = Collections.unmodifiableMap(winners);
    }

    /** Called with the lock held. */
    private void logClash(String name) {
        List<Registration> rivals = new ArrayList<>();
        for (Registration r : registrations.values()) {
            if (r.info().name().equals(name)) {
                rivals.add(r);
            }
        }
        if (rivals.size() > 1) {
            rivals.sort(Registration.PRECEDENCE);
            LOG.warn("command '{}' is registered {} times: {} wins over {}", name, rivals.size(),
                    rivals.get(0).describe(), rivals.subList(1, rivals.size()).stream().map(Registration::describe).toList());
        }
    }

    private void notifyListeners() {
        synchronized (notifyLock) {
            List<CommandInfo> current = commands();
            for (CommandListener l : listeners) {
                tell(l, current);
            }
        }
    }

    private static void tell(CommandListener listener, List<CommandInfo> commands) {
        try {
            listener.commandsChanged(commands);
        } catch (RuntimeException e) {
            LOG.error("command listener {} failed", listener.getClass().getName(), e);
        }
    }
}
