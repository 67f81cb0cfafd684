package gomd.core.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: told whenever the set of commands changes (a front end such as the Karaf shell
 * bridge adds and removes its own entries). Called once at registration with the current set.
 */
@ConsumerType
public interface CommandListener {
    void commandsChanged(List<CommandInfo> commands);
}
