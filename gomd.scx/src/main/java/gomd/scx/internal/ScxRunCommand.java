package gomd.scx.internal;

import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandProperties;
import gomd.core.api.ErrorCode;
import gomd.core.api.Permission;
import gomd.core.api.Reply;
import gomd.core.api.Request;

/**
 * The receiving end of {@code cwc} on another node: a {@link SignedRequest}. Core has checked
 * that the relaying daemon's address holds {@code EXEC_CLUSTER} here; {@link ScxEngine#admit}
 * checks the signature, freshness and the original caller, and {@link ScxEngine#run} this
 * node's own policy, exactly as for a local {@code exec}: relaying gains a request nothing.
 */
@Component(service = Command.class)
@CommandProperties(name = SignedRequest.COMMAND,
        synopsis = "scx-run 1 FROM TO ORIGIN PRINCIPAL TIMESTAMP NONCE TIMEOUT_MS MAC PROGRAM [ARG...]",
        permission = Permission.EXEC_CLUSTER,
        help = "Daemon to daemon: runs a program for a cwc typed on another node. Only requests signed with "
                + "the cluster key, fresh and never seen before, are accepted; people use cwc. The answer is "
                + "the same as exec's.")
public class ScxRunCommand implements Command {

    @Reference
    ComponentServiceObjects<ScxEngine> engines;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        SignedRequest signed = SignedRequest.parse(request.args());
        Engines.with(engines, engine -> execute(engine, signed, request, reply));
    }

    private static void execute(ScxEngine engine, SignedRequest signed, Request request, Reply reply)
            throws CommandException {
        Caller caller = engine.admit(signed, request.callerAddress());
        if (signed.timeoutMillis() < 1) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "TIMEOUT_MS must be positive");
        }
        Duration timeout = engine.timeout(Optional.of(Duration.ofMillis(signed.timeoutMillis())));
        Settings s = engine.settings();
        OutputCap.Source out = new OutputCap(s.maxBytesPerNode(), s.maxBytesPerNode()).source(reply::text);
        RunResult result = engine.run(signed.argv(), caller, timeout, out, reply::isClosed);
        NodeOutcome outcome = NodeOutcome.of(engine.nodeNumber(), engine.hostName(), result, out.isCut(), timeout);
        reply.record(outcome.toRecord());
        outcome.finish();
    }
}
