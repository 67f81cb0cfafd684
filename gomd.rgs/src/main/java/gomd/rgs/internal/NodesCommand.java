package gomd.rgs.internal;

import java.time.temporal.ChronoUnit;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandProperties;
import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Reply;
import gomd.core.api.Request;
import gomd.core.api.Table;

/** {@code nodes}: every gomd daemon this one knows, live or gone, one row each. */
@Component(service = Command.class)
@CommandProperties(name = "nodes", synopsis = "nodes", help = {
    "Lists the gomd daemons of the cluster, one row each: node number, host name,",
    "console address and port, state, the gomd features it runs, and since when (UTC).",
    "States: ALIVE; LEFT (stopped cleanly); FAILED (vanished: no heartbeat); CLASH (alive,",
    "but another live daemon has the same node number: give each its own --node-id)."})
public class NodesCommand implements Command {

    static final String[] COLUMNS = {"NODE", "NAME", "ADDRESS", "CONSOLE_PORT", "STATE", "FEATURES", "SINCE"};

    @Reference
    Membership membership;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        if (!request.args().isEmpty()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "usage: nodes");
        }
        reply.table(table(membership, r -> true));
    }

    /** The rows {@code filter} keeps, as the {@code nodes} table. */
    static Table table(Membership membership, Predicate<NodeTable.Row> filter) {
        Table.Builder t = Table.builder(COLUMNS);
        for (NodeTable.Row row : membership.rows()) {
            if (!filter.test(row)) {
                continue;
            }
            NodeInfo n = row.info();
            t.row(n.number(), n.name(), n.address().getHostAddress(), n.consolePort(),
                    row.clash() ? "CLASH" : n.state().name(), String.join(",", new TreeSet<>(n.features())),
                    n.since().truncatedTo(ChronoUnit.SECONDS));
        }
        return t.build();
    }
}
