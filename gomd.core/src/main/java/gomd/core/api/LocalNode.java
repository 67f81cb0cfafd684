package gomd.core.api;

import java.net.InetAddress;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** This daemon's identity and where it lives, as configured (provided by gomd.core). */
@ProviderType
public interface LocalNode {

    /** The node number ("Here is node #N"). */
    int number();

    /** The host name shown in the banner and prompt. */
    String hostName();

    /** The address the console listens on. */
    InetAddress consoleAddress();

    /** The console TCP port (default 9889). */
    int consolePort();

    /** The instance home: {@code etc/}, {@code data/} and {@code log/} live below it. */
    Path home();
}
