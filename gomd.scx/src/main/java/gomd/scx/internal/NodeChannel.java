package gomd.scx.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import gomd.core.api.NodeInfo;
import gomd.core.api.Result;
import gomd.core.api.ResultItem;

/** How {@code cwc} reaches another node's console (the gomd client library; a fake in tests). */
interface NodeChannel {

    /**
     * Sends one request line to {@code node} and passes each record and text line of the
     * answer to {@code onItem} as it arrives, on the calling thread. Never throws for a failed
     * answer: the returned result (without items) is OK or carries the error, {@code UNAVAILABLE}
     * when the node cannot be reached or the connection is lost, {@code TIMEOUT} when the whole
     * answer did not arrive within {@code timeout}. Gives up early, as {@code UNAVAILABLE}, once
     * {@code cancelled} says so.
     */
    Result stream(NodeInfo node, String line, Duration timeout, Consumer<ResultItem> onItem, BooleanSupplier cancelled);
}
