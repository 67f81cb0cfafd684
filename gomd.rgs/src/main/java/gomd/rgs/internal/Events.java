package gomd.rgs.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.NodeInfo;

/**
 * Membership changes for people (the log) and for other bundles (OSGi EventAdmin, topics
 * {@code gomd/rgs/JOINED}, {@code LEFT}, {@code FAILED}, {@code MERGED}, {@code CLASH}; see
 * docs/RGS.md for the properties).
 */
final class Events {

    static final String TOPIC_PREFIX = "gomd/rgs/";
    static final String NUMBER = "node.number";
    static final String NAME = "node.name";
    static final String ADDRESS = "node.address";
    static final String CONSOLE_PORT = "node.consolePort";
    static final String STATE = "node.state";
    static final String FEATURES = "node.features";
    static final String DETAIL = "detail";

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private Events() {
    }

    static void log(NodeTable.Change c) {
        NodeInfo n = c.node();
        String who = "node #" + n.number() + " (" + n.name() + ", console " + n.address().getHostAddress() + ":"
                + n.consolePort() + ")";
        switch (c.kind()) {
            case JOINED -> LOG.info("[RGS] {} joined, features {}", who, new TreeSet<>(n.features()));
            case LEFT -> LOG.info("[RGS] {} left", who);
            case FAILED -> LOG.warn("[RGS] {} failed: no heartbeat, dropped from the cluster", who);
            case MERGED -> LOG.info("[RGS] partitions merged: {}", c.detail());
            case CLASH -> LOG.error("[RGS] node number clash: {}; give each daemon its own --node-id", c.detail());
        }
    }

    /** Posts the change asynchronously; without EventAdmin only the log has it. */
    static void post(EventAdmin admin, NodeTable.Change c) {
        if (admin == null) {
            return;
        }
        NodeInfo n = c.node();
        Map<String, Object> p = new HashMap<>();
        p.put(NUMBER, n.number());
        p.put(NAME, n.name());
        p.put(ADDRESS, n.address().getHostAddress());
        p.put(CONSOLE_PORT, n.consolePort());
        p.put(STATE, n.state().name());
        p.put(FEATURES, n.features().toArray(String[]::new));
        p.put(DETAIL, c.detail());
        try {
            admin.postEvent(new Event(TOPIC_PREFIX + c.kind().name(), p));
        } catch (RuntimeException e) {
            LOG.warn("could not post {} on EventAdmin: {}", c.kind(), e.toString());
        }
    }
}
