package gomd.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.Registry;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.CommandException;
import gomd.core.api.CommandInfo;
import gomd.core.api.CommandRegistry;
import gomd.core.api.ErrorCode;
import gomd.core.api.FrontEnd;
import gomd.core.api.Permission;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Request;

class ShellBridgeTest {

    private final List<Object> shell = new ArrayList<>();
    private final CommandRegistry registry = mock(CommandRegistry.class);
    private final ShellBridge bridge = new ShellBridge();

    private static CommandInfo info(String name) {
        return new CommandInfo(name, name + " [ARG]", "Does " + name + ".", Permission.STATS_READ, "test.bundle");
    }

    @BeforeEach
    void wire() {
        Registry shellRegistry = mock(Registry.class);
        doAnswer(i -> shell.add(i.getArgument(0))).when(shellRegistry).register(any());
        doAnswer(i -> shell.remove(i.getArgument(0))).when(shellRegistry).unregister(any());
        SessionFactory factory = mock(SessionFactory.class);
        when(factory.getRegistry()).thenReturn(shellRegistry);
        bridge.sessionFactory = factory;
        bridge.registry = registry;
        bridge.activate();
    }

    private List<String> shellNames() {
        return shell.stream().map(c -> ((Command) c).getScope() + ":" + ((Command) c).getName()).sorted().toList();
    }

    private Command shellCommand(String name) {
        return shell.stream().map(Command.class::cast).filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void followsTheCommandSet() {
        bridge.commandsChanged(List.of(info("get"), info("help")));
        assertThat(shellNames()).containsExactly("gomd:get", "gomd:help");

        bridge.commandsChanged(List.of(info("get"), info("help"), info("ps")));
        assertThat(shellNames()).containsExactly("gomd:get", "gomd:help", "gomd:ps");

        bridge.commandsChanged(List.of(info("help")));
        assertThat(shellNames()).containsExactly("gomd:help");
        assertThat(shellCommand("help").getDescription()).isEqualTo("help [ARG]");

        bridge.deactivate();
        assertThat(shell).isEmpty();
    }

    @Test
    void replacesACommandWhoseDescriptionChanged() {
        bridge.commandsChanged(List.of(info("get")));
        Command before = shellCommand("get");
        CommandInfo other = new CommandInfo("get", "get NEW", "New.", Permission.STATS_READ, "other.bundle");
        bridge.commandsChanged(List.of(other));
        assertThat(shell).hasSize(1);
        assertThat(shellCommand("get")).isNotSameAs(before);
        assertThat(shellCommand("get").getDescription()).isEqualTo("get NEW");
    }

    @Test
    void runsThroughTheRegistryAsTheSessionUser() throws Exception {
        List<Request> seen = new ArrayList<>();
        doAnswer(i -> {
            seen.add(i.getArgument(0));
            i.<Reply>getArgument(1).record(Record.of("LOAD", "0.5"));
            return null;
        }).when(registry).execute(any(), any());
        bridge.commandsChanged(List.of(info("get")));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Session session = mock(Session.class);
        when(session.getConsole()).thenReturn(new PrintStream(out, true, StandardCharsets.UTF_8));
        when(session.get("USER")).thenReturn("admin");

        shellCommand("get").execute(session, List.of("load", 5));

        Request r = seen.get(0);
        assertThat(r.command()).isEqualTo("get");
        assertThat(r.args()).containsExactly("load", "5");
        assertThat(r.line()).isEqualTo("get load 5");
        assertThat(r.frontEnd()).isEqualTo(FrontEnd.SHELL);
        assertThat(r.principal()).isEqualTo("admin");
        assertThat(r.callerAddress().isLoopbackAddress()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("LOAD: 0.5");
    }

    @Test
    void reportsAFailureAsOneLineWithItsCode() throws Exception {
        doThrow(new CommandException(ErrorCode.NOT_FOUND, "no collector nope")).when(registry).execute(any(), any());
        bridge.commandsChanged(List.of(info("get")));
        Session session = mock(Session.class);
        when(session.getConsole()).thenReturn(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThatThrownBy(() -> shellCommand("get").execute(session, List.of("nope")))
                .isInstanceOf(CommandException.class)
                .hasMessage("NOT_FOUND: no collector nope");
    }
}
