package gomd.scx.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import gomd.core.api.Cluster;
import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandProperties;
import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Permission;
import gomd.core.api.Reply;
import gomd.core.api.Request;

/**
 * {@code cwc [OPTIONS] PROGRAM [ARG...]}: runs a program on every live node of the cluster
 * (as gomd.rgs knows it; without gomd.rgs, on this node only), each node under its own policy.
 */
@Component(service = Command.class)
@CommandProperties(name = "cwc", synopsis = ExecOptions.CWC_SYNOPSIS, permission = Permission.EXEC_CLUSTER,
        help = "Cluster-wide exec: runs PROGRAM with its ARGs on every live node, this one too, each node deciding "
                + "by its own SCX policy and ACL. -w NODESET only these nodes (numbers, ranges, names: 1-8,12,n3), "
                + "-x NODESET not these, --no-local not this node, -b gather identical output into one block per "
                + "set of nodes, -t SECONDS per-node timeout (default 60), -f FANOUT nodes at once (default 32). "
                + "Output lines stream as 'node#N: LINE'; the end is one record per node "
                + "(NODE)(NAME)(STATE:EXITED|TIMEOUT|REFUSED|FAILED|DOWN)(EXIT)(BYTES)(CUT)(MS)(MESSAGE), a totals "
                + "record and a summary by exit code. The answer is OK when every node exited 0.")
public class CwcCommand implements Command {

    @Reference
    ComponentServiceObjects<ScxEngine> engines;

    @Reference
    NodeChannel channel;

    /** Taken when cwc runs, like the engine (see {@link Engines}): gomd.rgs needs {@code LocalNode} too. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ComponentServiceObjects<Cluster> cluster;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        ExecOptions options = ExecOptions.parse(request.args(), true);
        ComponentServiceObjects<Cluster> clusters = cluster;
        Cluster membership = clusters == null ? null : clusters.getService();
        try {
            Engines.with(engines, engine -> execute(engine, membership, options, request, reply));
        } finally {
            if (membership != null) {
                clusters.ungetService(membership);
            }
        }
    }

    private void execute(ScxEngine engine, Cluster membership, ExecOptions options, Request request, Reply reply)
            throws CommandException {
        engine.checkArgv(options.argv());
        Duration timeout = engine.timeout(options.timeout());
        Settings s = engine.settings();
        int fanout = options.fanout().orElse(s.fanout());
        if (fanout > s.maxFanout()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "fan-out over the largest allowed, " + s.maxFanout());
        }
        List<NodeInfo> chosen = choose(engine, options, membership);
        List<NodeInfo> alive = new ArrayList<>();
        List<NodeOutcome> down = new ArrayList<>();
        for (NodeInfo n : chosen) {
            if (n.state() == NodeInfo.State.ALIVE || n.number() == engine.nodeNumber()) {
                alive.add(n);
            } else {
                down.add(NodeOutcome.failed(n.number(), n.name(), NodeOutcome.State.DOWN,
                        "membership says " + n.state() + " since " + n.since(), 0));
            }
        }
        engine.startCwc();
        try {
            if (membership == null) {
                reply.text("- no cluster membership (gomd.rgs is not running): local node only");
            }
            new ClusterRun(engine, channel, reply, new Caller(request.callerAddress(), request.principal()),
                    options.argv(), timeout, options.gather()).run(alive, down, fanout);
        } finally {
            engine.endCwc();
        }
    }

    /** The nodes that -w, -x and --no-local leave of the known ones, in node order. */
    private static List<NodeInfo> choose(ScxEngine engine, ExecOptions options, Cluster membership)
            throws CommandException {
        List<NodeInfo> known = known(engine, membership);
        Set<String> unknown = new LinkedHashSet<>();
        options.nodes().forEach(set -> unknown.addAll(set.unmatched(known)));
        if (!unknown.isEmpty()) {
            throw new CommandException(ErrorCode.NOT_FOUND, "no such node: " + String.join(",", unknown));
        }
        List<NodeInfo> chosen = known.stream()
                .filter(n -> options.nodes().isEmpty() || options.nodes().stream().anyMatch(set -> set.contains(n)))
                .filter(n -> options.excluded().stream().noneMatch(set -> set.contains(n)))
                .filter(n -> !options.noLocal() || n.number() != engine.nodeNumber())
                .toList();
        if (chosen.isEmpty()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "no node left to run on");
        }
        return chosen;
    }

    /** Membership's nodes, or this node alone without gomd.rgs. */
    private static List<NodeInfo> known(ScxEngine engine, Cluster membership) {
        if (membership == null) {
            return List.of(self(engine));
        }
        List<NodeInfo> nodes = new ArrayList<>(membership.nodes());
        if (nodes.stream().noneMatch(n -> n.number() == engine.nodeNumber())) {
            nodes.add(self(engine));
        }
        nodes.sort(Comparator.comparingInt(NodeInfo::number));
        return nodes;
    }

    private static NodeInfo self(ScxEngine engine) {
        return new NodeInfo(engine.nodeNumber(), engine.hostName(), engine.consoleAddress(), engine.consolePort(),
                NodeInfo.State.ALIVE, Set.of("gomd.scx"), Instant.now());
    }
}
