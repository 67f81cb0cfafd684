package gomd.core.internal.console;

import java.net.InetAddress;
import java.time.Duration;

/**
 * What the console needs to know, already validated (see gomd.core.internal.node.NodeSettings).
 *
 * @param bind                     address to listen on
 * @param port                     TCP port; 0 picks a free one (tests)
 * @param hostName                 shown in the banner and the prompt
 * @param nodeNumber               shown in the banner
 * @param idleTimeout              a session waiting this long for a request is closed; also the
 *                                 longest a write to a client that does not read may block
 * @param maxLineLength            bytes per request line, without {@code \r\n}
 * @param maxConnections           sessions in all
 * @param maxConnectionsPerAddress sessions from one client address
 * @param maxAnswerBytes           body bytes per answer before it is cut
 */
public record ConsoleSettings(InetAddress bind, int port, String hostName, int nodeNumber, Duration idleTimeout,
                              int maxLineLength, int maxConnections, int maxConnectionsPerAddress,
                              long maxAnswerBytes) {

    /** The same settings listening on another address and port. */
    ConsoleSettings withListen(InetAddress otherBind, int otherPort) {
        return new ConsoleSettings(otherBind, otherPort, hostName, nodeNumber, idleTimeout, maxLineLength,
                maxConnections, maxConnectionsPerAddress, maxAnswerBytes);
    }
}
