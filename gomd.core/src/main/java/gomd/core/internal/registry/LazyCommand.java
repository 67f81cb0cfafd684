package gomd.core.internal.registry;

import org.osgi.service.component.ComponentServiceObjects;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * A command service that is obtained at its first use, not when it is registered. The
 * registry must not get command objects while it binds them: a command that needs
 * {@code LocalNode} would then be activated in the middle of core's own start (the node
 * component needs the registry), a cycle that SCR breaks by leaving the command unbound.
 * Once obtained the object is kept; SCR releases it when the service goes away.
 */
final class LazyCommand {

    private final ComponentServiceObjects<Command> service;
    private volatile Command command;

    LazyCommand(ComponentServiceObjects<Command> service) {
        this.service = service;
    }

    /** The command object; UNAVAILABLE when its service cannot be had now (its own references unsatisfied). */
    Command get(String name) throws CommandException {
        Command c = command;
        if (c == null) {
            synchronized (this) {
                c = command;
                if (c == null) {
                    c = service.getService();
                    if (c == null) {
                        throw new CommandException(ErrorCode.UNAVAILABLE, "command " + name + " is not available now");
                    }
                    command = c;
                }
            }
        }
        return c;
    }
}
