package gomd.core.internal.registry;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandInfo;
import gomd.core.api.CommandProperties;
import gomd.core.api.CommandRegistry;
import gomd.core.api.ErrorCode;
import gomd.core.api.Reply;
import gomd.core.api.Request;

/** {@code help}: lists the commands in force, or shows one. A registered command like any other. */
@Component(service = Command.class)
@CommandProperties(name = "help", synopsis = "help [COMMAND]",
        help = {"Without an argument: one line per command, NAME - SYNOPSIS.",
                "With a command name: its synopsis and what it does."})
public class HelpCommand implements Command {

    @Reference
    CommandRegistry registry;

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        List<String> args = request.args();
        if (args.isEmpty()) {
            for (CommandInfo c : registry.commands()) {
                reply.text(c.name() + " - " + c.synopsis());
            }
        } else if (args.size() == 1) {
            CommandInfo c = registry.find(args.get(0))
                    .orElseThrow(() -> new CommandException(ErrorCode.NOT_FOUND, "no command " + args.get(0)));
            reply.text(c.synopsis());
            c.help().lines().forEach(reply::text);
        } else {
            throw new CommandException(ErrorCode.BAD_REQUEST, "usage: help [COMMAND]");
        }
    }
}
