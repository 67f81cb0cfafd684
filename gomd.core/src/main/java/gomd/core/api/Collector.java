package gomd.core.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of node statistics, shown by {@code get NAME}. Register it as a service with
 * {@link CollectorProperties}. Core's sampler calls {@link #collect()} in the background every
 * {@link #INTERVAL} seconds, on its own thread and with a timeout, and {@code get} answers from
 * the latest sample, so a slow or failing collector never blocks the console. A collector that
 * computes rates keeps the previous reading itself (ticks are at least one second apart).
 */
@ConsumerType
public interface Collector {

    /** Service property: the source name used by {@code get} (required), e.g. {@code load}. */
    String NAME = "gomd.collector.name";
    /** Service property: one line saying what it reports. */
    String DESCRIPTION = "gomd.collector.description";
    /** Service property: seconds between samples (integer, at least 1; default 1). */
    String INTERVAL = "gomd.collector.interval";
    /** Service property: the label that {@code get NAME ARG} selects by, e.g. {@code iface}. */
    String SELECTOR = "gomd.collector.selector";

    /** Reads the current values. May throw; the sampler reports the failure and keeps the others going. */
    List<Metric> collect() throws Exception;
}
