package gomd.scx.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandLine;
import gomd.core.api.CommandProperties;
import gomd.core.api.ErrorCode;
import gomd.core.api.Permission;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Request;
import gomd.core.api.Table;

/** {@code scx policy} and {@code scx check PROGRAM [ARG...]}: the SCX policy in force and why it decides. */
@Component(service = Command.class)
@CommandProperties(name = "scx", synopsis = "scx policy | scx check PROGRAM [ARG...]", permission = Permission.ADMIN,
        help = "scx policy: the SCX rules in force on this node (etc/gomd/scx.conf), where they came from, "
                + "why the file as it is now is not in force if it is not, and whether a cluster key is set. "
                + "scx check PROGRAM [ARG...]: which rule decides about that command here, without running it.")
public class ScxCommand implements Command {

    @Reference
    ComponentServiceObjects<ScxEngine> engines;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        List<String> args = request.args();
        if (args.size() == 1 && args.get(0).equals("policy")) {
            Engines.with(engines, engine -> policy(engine, reply));
        } else if (args.size() > 1 && args.get(0).equals("check")) {
            Engines.with(engines, engine -> check(engine, args.subList(1, args.size()), reply));
        } else {
            throw new CommandException(ErrorCode.BAD_REQUEST, "usage: scx policy | scx check PROGRAM [ARG...]");
        }
    }

    private static void policy(ScxEngine engine, Reply reply) {
        Policy p = engine.policy();
        reply.record(Record.builder().put("FILE", engine.policyFile()).put("IN_FORCE", p.source())
                .put("LOADED", p.loaded()).put("PROBLEM", engine.policyProblem().orElse(""))
                .put("CLUSTER_KEY", engine.hasClusterKey() ? "yes" : "no").build());
        Table.Builder rules = Table.builder("LINE", "COMMAND", "FLAG");
        for (PolicyRule r : p.all()) {
            String command = r.isCatchAll()
                    ? (r.flag() == PolicyFlag.SCX_CMD_BLOCKED ? Policy.ALL_BLOCKED : Policy.ALL_ALLOWED)
                    : CommandLine.join(r.words()) + (r.wildcard() ? " *" : "");
            rules.row(r.line(), command, r.flag());
        }
        reply.table(rules.build());
    }

    private static void check(ScxEngine engine, List<String> argv, Reply reply) throws CommandException {
        engine.checkArgv(argv);
        Optional<Program> program = ProgramResolver.resolve(argv.get(0));
        PolicyDecision d = engine.policy().decide(argv, program);
        reply.record(Record.builder().put("ALLOWED", d.allowed() ? "yes" : "no")
                .put("ACL_CHECK", d.aclCheckRequired() ? "ADMIN" : "no").put("RULE", d.rule())
                .put("PROGRAM", program.map(pr -> pr.path().toString()).orElse("not found")).build());
    }
}
