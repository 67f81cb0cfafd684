package gomd.core.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's view of every registered {@link Command}; front ends run requests through it so that
 * access control, limits and error handling are the same everywhere.
 */
@ProviderType
public interface CommandRegistry {

    /** The commands in force, sorted by name (a clash is won by the higher service ranking). */
    List<CommandInfo> commands();

    Optional<CommandInfo> find(String name);

    /**
     * Runs a request: finds the command, checks the caller's permission with the access policy,
     * and executes it. Unknown commands, denials and failures come back as {@link CommandException};
     * an unexpected exception from a command is logged and reported as {@link ErrorCode#INTERNAL}.
     */
    void execute(Request request, Reply reply) throws CommandException;
}
