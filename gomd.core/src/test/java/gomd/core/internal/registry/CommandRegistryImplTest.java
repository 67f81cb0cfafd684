package gomd.core.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import gomd.core.api.AccessDecision;
import gomd.core.api.AccessPolicy;
import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandInfo;
import gomd.core.api.ErrorCode;
import gomd.core.api.FrontEnd;
import gomd.core.api.InternalRequest;
import gomd.core.api.Permission;
import gomd.core.api.Result;

class CommandRegistryImplTest {

    private final CommandRegistryImpl registry = Registries.empty();

    /** A command that answers with its own label, so a test sees which registration ran. */
    private static Command says(String label) {
        return (request, reply) -> reply.text(label);
    }

    private Result run(String line) throws CommandException {
        return run(InetAddress.getLoopbackAddress(), line);
    }

    private Result run(InetAddress caller, String line) throws CommandException {
        Result result = new Result();
        registry.execute(InternalRequest.from(caller, "test", line), result);
        return result;
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void commandsAreListedByNameWithTheirProperties() {
        Registries.add(registry, 1, says("b"), props(Command.NAME, "beta", Command.HELP, "B.",
                Command.SYNOPSIS, "beta ARG", Command.PERMISSION, "ADMIN"));
        Registries.add(registry, 2, "alpha", says("a"));

        assertThat(registry.commands()).containsExactly(
                new CommandInfo("alpha", "alpha", "Help of alpha.", Permission.STATS_READ, "test.bundle"),
                new CommandInfo("beta", "beta ARG", "B.", Permission.ADMIN, "test.bundle"));
        assertThat(registry.find("beta")).map(CommandInfo::permission).contains(Permission.ADMIN);
        assertThat(registry.find("gamma")).isEmpty();
    }

    @Test
    void highestRankingWinsAClashAndTheNextTakesOverWhenItLeaves() throws Exception {
        Registries.add(registry, 10, says("low"), props(Command.NAME, "x", Command.HELP, "h", Constants.SERVICE_RANKING, 1));
        ServiceReference<Command> high = Registries.add(registry, 11, says("high"),
                props(Command.NAME, "x", Command.HELP, "h", Constants.SERVICE_RANKING, 5));
        assertThat(run("x").lines()).containsExactly("high");
        assertThat(registry.commands()).hasSize(1);

        Registries.remove(registry, high);
        assertThat(run("x").lines()).containsExactly("low");
    }

    @Test
    void aCommandObjectIsGotAtItsFirstUseNotWhenItIsBoundAndThenKept() throws Exception {
        List<String> gets = new ArrayList<>();
        Command lazy = says("here");
        ServiceReference<Command> ref = Registries.ref(5, props(Command.NAME, "lazy", Command.HELP, "h"));
        registry.bindCommand(new CountingObjects(lazy, ref, gets), ref);
        assertThat(registry.find("lazy")).isPresent();
        assertThat(gets).as("binding must not activate the command (core may still be starting)").isEmpty();

        assertThat(run("lazy").lines()).containsExactly("here");
        assertThat(run("lazy").lines()).containsExactly("here");
        assertThat(gets).hasSize(1);
    }

    @Test
    void aCommandWhoseServiceCannotBeHadIsUnavailable() {
        ServiceReference<Command> ref = Registries.ref(6, props(Command.NAME, "gone", Command.HELP, "h"));
        registry.bindCommand(new CountingObjects(null, ref, new ArrayList<>()), ref);
        assertThatThrownBy(() -> run("gone")).isInstanceOfSatisfying(CommandException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    /** DS's service objects of one command, counting getService calls; a null command is one SCR cannot give. */
    private record CountingObjects(Command command, ServiceReference<Command> ref, List<String> gets)
            implements org.osgi.service.component.ComponentServiceObjects<Command> {
        @Override
        public Command getService() {
            gets.add("get");
            return command;
        }

        @Override
        public void ungetService(Command service) {
        }

        @Override
        public ServiceReference<Command> getServiceReference() {
            return ref;
        }
    }

    @Test
    void onEqualRankingTheOldestServiceWins() throws Exception {
        Registries.add(registry, 21, "x", says("younger"));
        Registries.add(registry, 20, "x", says("older"));
        assertThat(run("x").lines()).containsExactly("older");
    }

    @Test
    void aRankingChangeOnUpdateChangesTheWinner() throws Exception {
        ServiceReference<Command> first = Registries.add(registry, 1, "x", says("first"));
        Command second = says("second");
        Registries.add(registry, 2, "x", second);
        assertThat(run("x").lines()).containsExactly("first");

        ServiceReference<Command> ranked = Registries.ref(2, props(Command.NAME, "x", Command.HELP, "h",
                Constants.SERVICE_RANKING, 100));
        registry.updatedCommand(Registries.objects(second, ranked), ranked);
        assertThat(run("x").lines()).containsExactly("second");
        Registries.remove(registry, first);
        assertThat(run("x").lines()).containsExactly("second");
    }

    @Test
    void malformedRegistrationsAreIgnoredNotThrown() {
        List<Map<String, Object>> bad = List.of(
                props(Command.HELP, "no name"),
                props(Command.NAME, "Upper", Command.HELP, "h"),
                props(Command.NAME, "1digit", Command.HELP, "h"),
                props(Command.NAME, "has space", Command.HELP, "h"),
                props(Command.NAME, "a".repeat(33), Command.HELP, "h"),
                props(Command.NAME, new String[] {"two", "names"}, Command.HELP, "h"),
                props(Command.NAME, "quit", Command.HELP, "reserved for the console"),
                props(Command.NAME, "nohelp"),
                props(Command.NAME, "blankhelp", Command.HELP, "  "),
                props(Command.NAME, "badperm", Command.HELP, "h", Command.PERMISSION, "ROOT"),
                props(Command.NAME, "badtype", Command.HELP, 42));
        long id = 100;
        for (Map<String, Object> p : bad) {
            Registries.add(registry, id++, says("bad"), p);
        }
        Registries.add(registry, id, "good", says("good"));

        assertThat(registry.commands()).extracting(CommandInfo::name).containsExactly("good");
    }

    @Test
    void aRegistrationThatBecomesMalformedOnUpdateIsRemoved() {
        Command c = says("c");
        Registries.add(registry, 1, "c", c);
        ServiceReference<Command> noHelp = Registries.ref(1, props(Command.NAME, "c"));
        registry.updatedCommand(Registries.objects(c, noHelp), noHelp);
        assertThat(registry.commands()).isEmpty();
    }

    @Test
    void listenersGetTheCurrentSetAtRegistrationAndOnEveryChange() {
        List<List<String>> seen = new ArrayList<>();
        Registries.add(registry, 1, "one", says("1"));
        registry.bindListener(commands -> seen.add(commands.stream().map(CommandInfo::name).toList()));
        ServiceReference<Command> two = Registries.add(registry, 2, "two", says("2"));
        Registries.remove(registry, two);
        Registries.add(registry, 3, says("bad"), props(Command.NAME, "BAD", Command.HELP, "h"));

        assertThat(seen).containsExactly(List.of("one"), List.of("one", "two"), List.of("one"));
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<Integer> sizes = new ArrayList<>();
        registry.bindListener(commands -> {
            throw new IllegalStateException("listener bug");
        });
        registry.bindListener(commands -> sizes.add(commands.size()));
        Registries.add(registry, 1, "one", says("1"));
        assertThat(sizes).containsExactly(0, 1);
    }

    @Test
    void anUnknownCommandIsReportedByName() {
        assertThatThrownBy(() -> run("nope a b"))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COMMAND);
                    assertThat(e.getMessage()).isEqualTo("unknown command nope");
                });
    }

    @Test
    void withoutAPolicyLoopbackCallersAreServedAndOthersDenied() throws Exception {
        Registries.add(registry, 1, "x", says("ran"));
        assertThat(run(InetAddress.getByName("127.0.0.2"), "x").lines()).containsExactly("ran");
        assertThat(run(InetAddress.getByName("::1"), "x").lines()).containsExactly("ran");

        assertThatThrownBy(() -> run(InetAddress.getByName("10.1.2.3"), "x"))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DENIED);
                    assertThat(e.getMessage()).isEqualTo("denied");
                });
    }

    @Test
    void theDefaultPolicyKnowsEveryFormOfLoopback() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 9;
        assertThat(Access.isLoopback(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        mapped[12] = 10;
        assertThat(Access.isLoopback(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
        assertThat(Access.isLoopback(InetAddress.getByName("127.255.0.1"))).isTrue();
        assertThat(Access.isLoopback(InetAddress.getByName("128.0.0.1"))).isFalse();
        assertThat(Access.isLoopback(InetAddress.getByName("::2"))).isFalse();
        assertThat(Access.admit(null, InetAddress.getByName("192.168.1.1")).allowed()).isFalse();
        assertThat(Access.admit(null, InetAddress.getByName("::1")).allowed()).isTrue();
    }

    @Test
    void aPolicyIsAskedForEveryRequestAndItsReasonIsNotSent() throws Exception {
        List<String> asked = new ArrayList<>();
        CommandRegistryImpl guarded = Registries.withPolicy(new AccessPolicy() {
            @Override
            public AccessDecision admit(InetAddress caller) {
                return AccessDecision.allow("any");
            }

            @Override
            public AccessDecision decide(InetAddress caller, Permission permission, String command) {
                asked.add(command + ":" + permission);
                return command.equals("open") ? AccessDecision.allow("rule 1")
                        : AccessDecision.deny("rule 2 forbids secret things");
            }
        });
        Registries.add(guarded, 1, says("o"), props(Command.NAME, "open", Command.HELP, "h"));
        Registries.add(guarded, 2, says("s"), props(Command.NAME, "secret", Command.HELP, "h", Command.PERMISSION, "EXEC_LOCAL"));
        Result r = new Result();
        guarded.execute(InternalRequest.of("open"), r);
        guarded.execute(InternalRequest.of("open"), r);
        assertThat(r.lines()).containsExactly("o", "o");
        assertThatThrownBy(() -> guarded.execute(InternalRequest.of("secret"), new Result()))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DENIED);
                    assertThat(e.getMessage()).isEqualTo("denied");
                });
        assertThat(asked).containsExactly("open:STATS_READ", "open:STATS_READ", "secret:EXEC_LOCAL");
    }

    @Test
    void aFailingPolicyDenies() {
        CommandRegistryImpl guarded = Registries.withPolicy(new AccessPolicy() {
            @Override
            public AccessDecision admit(InetAddress caller) {
                throw new IllegalStateException("policy bug");
            }

            @Override
            public AccessDecision decide(InetAddress caller, Permission permission, String command) {
                throw new IllegalStateException("policy bug");
            }
        });
        Registries.add(guarded, 1, "x", says("x"));
        assertThatThrownBy(() -> guarded.execute(InternalRequest.of("x"), new Result()))
                .isInstanceOfSatisfying(CommandException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DENIED));
        assertThat(Access.admit(guarded.accessPolicy, InetAddress.getLoopbackAddress()).allowed()).isFalse();
    }

    @Test
    void aCommandBugBecomesInternalAndCommandFailuresPassThrough() {
        Registries.add(registry, 1, "buggy", (request, reply) -> {
            throw new NullPointerException("bug");
        });
        Registries.add(registry, 2, "fails", (request, reply) -> {
            throw new CommandException(ErrorCode.NOT_FOUND, "no such interface eth9");
        });
        assertThatThrownBy(() -> run("buggy")).isInstanceOfSatisfying(CommandException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e.getMessage()).isEqualTo("internal error");
        });
        assertThatThrownBy(() -> run("fails")).isInstanceOfSatisfying(CommandException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("no such interface eth9");
        });
    }

    @Test
    void commandsRunOnTheCallersThreadWithTheRequestAsGiven() throws Exception {
        List<Object> seen = new ArrayList<>();
        Registries.add(registry, 1, "show", (request, reply) -> {
            seen.add(Thread.currentThread());
            seen.add(request.args());
            seen.add(request.frontEnd());
        });
        run("show 'a b' c");
        assertThat(seen).containsExactly(Thread.currentThread(), List.of("a b", "c"), FrontEnd.INTERNAL);
    }
}
