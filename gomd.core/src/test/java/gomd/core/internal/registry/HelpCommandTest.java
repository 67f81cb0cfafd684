package gomd.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.InternalRequest;
import gomd.core.api.Result;

class HelpCommandTest {

    private final CommandRegistryImpl registry = Registries.empty();
    private final HelpCommand help = new HelpCommand();

    @BeforeEach
    void register() {
        help.registry = registry;
        // help registers itself through the whiteboard like any plugin command
        Registries.add(registry, 1, help, Map.of(Command.NAME, "help", Command.SYNOPSIS, "help [COMMAND]",
                Command.HELP, "Lists the commands."));
        Registries.add(registry, 2, (request, reply) -> { }, Map.of(Command.NAME, "get",
                Command.SYNOPSIS, "get SOURCE [ARG...]", Command.HELP, new String[] {"Latest sample of a collector.", "See the docs."}));
        Registries.add(registry, 3, "uptime", (request, reply) -> { });
    }

    private Result run(String line) throws CommandException {
        Result r = new Result();
        registry.execute(InternalRequest.of(line), r);
        return r;
    }

    @Test
    void listsEveryCommandWithItsSynopsis() throws Exception {
        assertThat(run("help").lines()).containsExactly(
                "get - get SOURCE [ARG...]",
                "help - help [COMMAND]",
                "uptime - uptime");
    }

    @Test
    void showsOneCommandsSynopsisAndHelpLines() throws Exception {
        assertThat(run("help get").lines()).containsExactly(
                "get SOURCE [ARG...]", "Latest sample of a collector.", "See the docs.");
    }

    @Test
    void anUnknownOrExtraArgumentIsAnError() {
        assertThatThrownBy(() -> run("help nope")).isInstanceOfSatisfying(CommandException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("no command nope");
        });
        assertThatThrownBy(() -> run("help get uptime")).isInstanceOfSatisfying(CommandException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
