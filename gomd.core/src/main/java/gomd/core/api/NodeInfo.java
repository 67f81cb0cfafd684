package gomd.core.api;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;

/**
 * A gomd daemon of the cluster, as membership knows it.
 *
 * @param number      node number
 * @param name        host name
 * @param address     console address
 * @param consolePort console port
 * @param state       membership state
 * @param features    gomd feature bundles it runs (e.g. {@code gomd.scx})
 * @param since       when it entered this state
 */
public record NodeInfo(int number, String name, InetAddress address, int consolePort, State state,
                       Set<String> features, Instant since) {

    public NodeInfo {
        features = Set.copyOf(features);
    }

    public enum State { ALIVE, LEFT, FAILED, SUSPECT }
}
