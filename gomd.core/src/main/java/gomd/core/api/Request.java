package gomd.core.api;

import java.net.InetAddress;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** One request to run a command, with who asked and through which front end. */
@ProviderType
public interface Request {

    /** The command name (first word of the line). */
    String command();

    /** The arguments after the command name, already split by the console's quoting rule. */
    List<String> args();

    /** The request line as the caller sent it (command and arguments). */
    String line();

    /** The caller's address; the loopback address for the local Karaf shell and internal callers. */
    InetAddress callerAddress();

    /** Who the caller is: the Karaf user for the shell, {@code ADDRESS:PORT} on the console. */
    String principal();

    FrontEnd frontEnd();
}
