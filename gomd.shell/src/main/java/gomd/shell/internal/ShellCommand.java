package gomd.shell.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Parser;
import org.apache.karaf.shell.api.console.Session;

import gomd.core.api.CommandException;
import gomd.core.api.CommandInfo;
import gomd.core.api.CommandLine;
import gomd.core.api.CommandRegistry;
import gomd.core.api.ErrorCode;
import gomd.core.api.FrontEnd;
import gomd.core.api.InternalRequest;

/**
 * One gomd command seen from the Karaf shell as {@code gomd:NAME}. The same class serves every
 * command: it hands the words to core's registry and prints what comes back.
 */
final class ShellCommand implements org.apache.karaf.shell.api.console.Command {

    static final String SCOPE = "gomd";
    /** The Karaf session variable that holds the logged-in user. */
    static final String USER = "USER";

    private final CommandInfo info;
    private final ShellBridge bridge;

    ShellCommand(CommandInfo info, ShellBridge bridge) {
        this.info = info;
        this.bridge = bridge;
    }

    CommandInfo info() {
        return info;
    }

    @Override
    public String getScope() {
        return SCOPE;
    }

    @Override
    public String getName() {
        return info.name();
    }

    @Override
    public String getDescription() {
        String synopsis = info.synopsis() == null ? "" : info.synopsis().strip();
        if (!synopsis.isEmpty()) {
            return synopsis;
        }
        String help = info.help() == null ? "" : info.help().strip();
        int eol = help.indexOf('\n');
        return eol < 0 ? help : help.substring(0, eol);
    }

    @Override
    public Completer getCompleter(boolean scoped) {
        return new ShellCompleter(info.name(), scoped, bridge);
    }

    @Override
    public Parser getParser() {
        return null;
    }

    @Override
    public Object execute(Session session, List<Object> arguments) throws Exception {
        List<String> args = arguments.stream().map(String::valueOf).toList();
        String line = CommandLine.join(Stream.concat(Stream.of(info.name()), args.stream()).toList());
        Object user = session.get(USER);
        InternalRequest request = new InternalRequest(info.name(), args, line, InetAddress.getLoopbackAddress(),
                user == null ? "" : user.toString(), FrontEnd.SHELL);
        CommandRegistry registry = bridge.registry;
        if (registry == null) {
            throw new CommandException(ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE + ": gomd core is not running");
        }
        ShellReply reply = new ShellReply(session.getConsole());
        try {
            registry.execute(request, reply);
        } catch (CommandException e) {
            reply.flush();
            // Karaf prints a CommandException's message as one line, without a stack trace, and the
            // command fails (non-zero exit over SSH).
            throw new CommandException(e.code(), e.code() + ": " + e.getMessage());
        }
        reply.flush();
        return null;
    }
}
