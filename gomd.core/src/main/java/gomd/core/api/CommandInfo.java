package gomd.core.api;

/**
 * A command as the registry sees it.
 *
 * @param name       the command name
 * @param synopsis   one line of usage
 * @param help       what it does
 * @param permission what the caller needs
 * @param bundle     symbolic name of the bundle that registered it
 */
public record CommandInfo(String name, String synopsis, String help, Permission permission, String bundle) {
}
