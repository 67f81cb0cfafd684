package gomd.client;

import gomd.core.api.Result;
import gomd.core.api.ResultItem;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the answers of {@link GomdCluster#streamAll} as they arrive. Calls for one
 * {@code streamAll} never overlap, so an implementation needs no locking of its own.
 */
@ConsumerType
@FunctionalInterface
public interface StreamListener {

    /** One record or text line from {@code node}, in the order that node sent them. */
    void item(NodeAddress node, ResultItem item);

    /** {@code node} has finished: {@code outcome} is OK or its error (it holds no items). */
    default void done(NodeAddress node, Result outcome) {
    }
}
