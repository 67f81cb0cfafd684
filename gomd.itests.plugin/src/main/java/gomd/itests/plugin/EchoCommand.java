package gomd.itests.plugin;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Command;
import gomd.core.api.CommandProperties;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Request;

/** What a plugin author writes: one class, one annotation. Answers its arguments and who asked. */
@Component(service = Command.class)
@CommandProperties(name = EchoCommand.NAME, synopsis = "itest-echo [WORD...]",
        help = "Answers its words and the caller's front end (a test plugin).")
public class EchoCommand implements Command {

    public static final String NAME = "itest-echo";

    @Override
    public void execute(Request request, Reply reply) {
        reply.record(Record.builder()
                .put("ECHO", String.join(" ", request.args()))
                .put("FRONT_END", request.frontEnd())
                .put("PRINCIPAL", request.principal())
                .build());
    }
}
