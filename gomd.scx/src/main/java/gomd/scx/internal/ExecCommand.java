package gomd.scx.internal;

import java.time.Duration;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandProperties;
import gomd.core.api.Permission;
import gomd.core.api.Reply;
import gomd.core.api.Request;

/**
 * {@code exec PROGRAM [ARG...]}: runs a program on this node, if {@code scx.conf} allows it,
 * streaming its output as text lines, then its outcome record.
 */
@Component(service = Command.class)
@CommandProperties(name = "exec", synopsis = ExecOptions.EXEC_SYNOPSIS, permission = Permission.EXEC_LOCAL,
        help = "Runs PROGRAM with its ARGs on this node, if the SCX policy (etc/gomd/scx.conf) allows it. "
                + "No shell: words are split by the console's quoting rule and passed as they are; the program "
                + "is looked up in /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin. Output lines "
                + "stream as they come, then (NODE:N)(NAME:HOST)(STATE:EXITED|TIMEOUT)(EXIT:CODE)(BYTES:N)"
                + "(CUT:yes|no)(MS:N)(MESSAGE:...). The answer is OK for exit code 0, FAILED otherwise, TIMEOUT "
                + "when killed at the timeout (-t SECONDS, default 60) with everything it started.")
public class ExecCommand implements Command {

    @Reference
    ComponentServiceObjects<ScxEngine> engines;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        ExecOptions options = ExecOptions.parse(request.args(), false);
        Engines.with(engines, engine -> execute(engine, options, request, reply));
    }

    private static void execute(ScxEngine engine, ExecOptions options, Request request, Reply reply)
            throws CommandException {
        Duration timeout = engine.timeout(options.timeout());
        Settings s = engine.settings();
        OutputCap.Source out = new OutputCap(s.maxBytesPerNode(), s.maxBytesPerNode()).source(reply::text);
        RunResult result = engine.run(options.argv(), new Caller(request.callerAddress(), request.principal()),
                timeout, out, reply::isClosed);
        NodeOutcome outcome = NodeOutcome.of(engine.nodeNumber(), engine.hostName(), result, out.isCut(), timeout);
        reply.record(outcome.toRecord());
        outcome.finish();
    }
}
