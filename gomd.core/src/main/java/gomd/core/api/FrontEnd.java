package gomd.core.api;

/** Where a request came from. */
public enum FrontEnd {
    /** The TCP line console (telnet, libgomd clients, other daemons). */
    CONSOLE,
    /** The Karaf shell, local or over Karaf's SSH console. */
    SHELL,
    /** Another bundle inside this daemon. */
    INTERNAL
}
