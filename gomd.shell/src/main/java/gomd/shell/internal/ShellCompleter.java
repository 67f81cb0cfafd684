package gomd.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.ArgumentCommandLine;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes {@code gomd:NAME} itself and, for the commands whose first argument names a gomd
 * thing, that argument: {@code gomd:help COMMAND} and {@code gomd:get COLLECTOR}.
 */
final class ShellCompleter implements Completer {

    private final String name;
    private final boolean scoped;
    private final ShellBridge bridge;

    ShellCompleter(String name, boolean scoped, ShellBridge bridge) {
        this.name = name;
        this.scoped = scoped;
        this.bridge = bridge;
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String[] args = commandLine.getArguments();
        int index = commandLine.getCursorArgumentIndex();
        StringsCompleter names = scoped
                ? new StringsCompleter(List.of(name))
                : new StringsCompleter(List.of(ShellCommand.SCOPE + ":" + name, name));
        if (index == 0) {
            return names.complete(session, new ArgumentCommandLine(args[0], commandLine.getArgumentPosition()), candidates);
        }
        if (index != 1 || args.length == 0 || !isThisCommand(args[0])) {
            return -1;
        }
        List<String> values = switch (name) {
            case "help" -> bridge.commandNames();
            case "get" -> bridge.collectorNames();
            default -> List.of();
        };
        if (values.isEmpty()) {
            return -1;
        }
        ArgumentCommandLine argument = index < args.length
                ? new ArgumentCommandLine(args[index], commandLine.getArgumentPosition())
                : new ArgumentCommandLine("", 0);
        int res = new StringsCompleter(values).complete(session, argument, candidates);
        return res + (commandLine.getBufferPosition() - commandLine.getArgumentPosition());
    }

    private boolean isThisCommand(String word) {
        return word.equals(name) || word.equals(ShellCommand.SCOPE + ":" + name);
    }
}
