package gomd.acl.internal;

import java.net.InetAddress;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandInfo;
import gomd.core.api.CommandProperties;
import gomd.core.api.CommandRegistry;
import gomd.core.api.ErrorCode;
import gomd.core.api.Permission;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Request;
import gomd.core.api.Table;

/**
 * {@code acl}: shows the rules in force, explains a decision, reloads the rulebook.
 *
 * <p>The registry is reached through {@link ComponentServiceObjects}, got only when
 * {@code acl check} runs: the registry gets every command while it activates, so taking the
 * registry while this command activates would be a service cycle.
 */
@Component(service = Command.class)
@CommandProperties(name = "acl", synopsis = "acl [list] | acl check ADDRESS COMMAND | acl reload",
        permission = Permission.ADMIN, help = {
            "Access control (gomd.acl): the rulebook etc/gomd/acl.conf under the node home has one",
            "WHO:PERMISSION[,PERMISSION...] rule per line (see docs/ACL.md).",
            "acl, acl list: where the rules come from, when they were loaded, and each rule with the",
            "prefixes it stands for now.",
            "acl check ADDRESS COMMAND: whether a caller at ADDRESS may connect and run COMMAND (a command",
            "or permission name), and which rule decides.",
            "acl reload: read the rulebook now; a bad one is reported with file and line, and the rules",
            "in force stay."})
public class AclCommand implements Command {

    static final String USAGE = "usage: acl [list] | acl check ADDRESS COMMAND | acl reload";

    @Reference
    AclPolicy policy;

    @Reference
    AclLoader loader;

    @Reference
    ComponentServiceObjects<CommandRegistry> registry;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        List<String> args = request.args();
        String sub = args.isEmpty() ? "list" : args.get(0);
        switch (sub) {
            case "list" -> {
                expectArgs(args, 1);
                list(policy.state(), reply);
            }
            case "check" -> {
                expectArgs(args, 3);
                check(args.get(1), args.get(2), reply);
            }
            case "reload" -> {
                expectArgs(args, 1);
                reload(request, reply);
            }
            default -> throw new CommandException(ErrorCode.BAD_REQUEST, USAGE);
        }
    }

    /** {@code acl} alone counts as {@code acl list}. */
    private static void expectArgs(List<String> args, int count) throws CommandException {
        if (args.size() > count || !args.isEmpty() && args.size() < count) {
            throw new CommandException(ErrorCode.BAD_REQUEST, USAGE);
        }
    }

    private void list(AclPolicy.State s, Reply reply) {
        reply.record(status(s));
        List<Cidr> local = policy.localSubnets();
        Table.Builder t = Table.builder("LINE", "RULE", "PREFIXES", "ALLOW", "DENY");
        for (Rule r : s.rulebook().rules()) {
            t.row(r.line(), r.text(), join(r.who().prefixes(local), " "), join(r.allow(), ","),
                    join(r.deny(), ","));
        }
        reply.table(t.build());
    }

    private static Record status(AclPolicy.State s) {
        return Record.builder()
                .put("RULEBOOK", s.file())
                .put("IN_FORCE", s.rulebook().source())
                .put("LOADED", s.rulebook().loaded().truncatedTo(ChronoUnit.SECONDS))
                .put("RULES", s.rulebook().rules().size())
                .put("STATE", s.standing() == AclPolicy.Standing.LOADED
                        ? "loaded" : s.standing().name().toLowerCase(Locale.ROOT) + ": " + s.problem())
                .build();
    }

    private void check(String addressText, String what, Reply reply) throws CommandException {
        InetAddress address;
        try {
            address = Addresses.parse(addressText);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        Permission permission = permissionOf(what);
        Verdict v = policy.verdict(address, permission);
        Optional<Verdict> admitting = policy.admission(address);
        reply.record(Record.builder()
                .put("ADDRESS", Addresses.format(v.caller()))
                .put("COMMAND", what)
                .put("PERMISSION", permission)
                .put("DECISION", v.allowed() ? "allowed" : "denied")
                .put("RULE", v.rule() == null ? "none" : v.source() + ":" + v.rule().line())
                .put("REASON", v.reason())
                .put("CONNECT", admitting.isPresent() ? "admitted" : "refused")
                .build());
    }

    /** A permission name as is, else the permission the named command declares. */
    private Permission permissionOf(String what) throws CommandException {
        for (Permission p : Permission.values()) {
            if (p.name().equals(what)) {
                return p;
            }
        }
        CommandRegistry commands = registry.getService();
        try {
            return commands.find(what).map(CommandInfo::permission).orElseThrow(() -> new CommandException(
                    ErrorCode.NOT_FOUND, "no command or permission named '" + what + "'"));
        } finally {
            registry.ungetService(commands);
        }
    }

    private void reload(Request request, Reply reply) throws CommandException {
        AclPolicy.State s = loader.reload(true, "acl reload by " + request.principal()
                + " from " + Addresses.format(Addresses.normalize(request.callerAddress())));
        if (s.standing() == AclPolicy.Standing.REJECTED) {
            throw new CommandException(ErrorCode.FAILED, s.problem());
        }
        reply.record(status(s));
    }

    private static String join(Collection<?> items, String separator) {
        return items.stream().map(Object::toString).collect(Collectors.joining(separator));
    }
}
