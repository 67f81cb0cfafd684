package gomd.rgs.internal;

import java.util.function.Predicate;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandProperties;
import gomd.core.api.ErrorCode;
import gomd.core.api.Reply;
import gomd.core.api.Request;
import gomd.core.api.Table;

/** {@code whois N|ADDRESS|NAME}: like {@code mosctl whois}, from a node number to its daemon and back. */
@Component(service = Command.class)
@CommandProperties(name = "whois", synopsis = "whois NODE|ADDRESS|NAME", help = {
    "Tells who a node is, like mosctl whois: 'whois 5' gives node #5's host name, console",
    "address and port, state, features and since when; 'whois 192.168.0.5' or 'whois HOST'",
    "gives the node(s) at that address or with that host name. Columns as in 'nodes'."})
public class WhoisCommand implements Command {

    @Reference
    Membership membership;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        if (request.args().size() != 1) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "usage: whois NODE|ADDRESS|NAME");
        }
        String who = request.args().get(0);
        Table table = NodesCommand.table(membership, matching(who));
        if (table.rows().isEmpty()) {
            throw new CommandException(ErrorCode.NOT_FOUND, "no node " + who);
        }
        reply.table(table);
    }

    private static Predicate<NodeTable.Row> matching(String who) {
        String number = who.startsWith("#") ? who.substring(1) : who;
        if (number.chars().allMatch(Character::isDigit) && !number.isEmpty() && number.length() < 10) {
            int n = Integer.parseInt(number);
            return r -> r.info().number() == n;
        }
        return r -> r.info().address().getHostAddress().equals(who) || r.info().name().equalsIgnoreCase(who);
    }
}
