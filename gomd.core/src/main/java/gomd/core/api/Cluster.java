package gomd.core.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The cluster as membership sees it (provided by gomd.rgs). Core uses it for cluster-wide
 * queries such as {@code get load ALL}; without it those answer {@link ErrorCode#UNAVAILABLE}.
 */
@ConsumerType
public interface Cluster {

    /** Every known node, this one included, sorted by number. */
    List<NodeInfo> nodes();

    /**
     * Sends one request line to each of the given nodes in parallel, each bounded by
     * {@code timeout}, and returns every node's answer; a node that did not answer in time
     * (or is not alive) gets a failed {@link Result} with {@link ErrorCode#TIMEOUT} or
     * {@link ErrorCode#UNAVAILABLE}. The local node answers in-process.
     */
    Map<NodeInfo, Result> ask(Collection<NodeInfo> nodes, String line, Duration timeout);
}
