package gomd.acl.internal;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import gomd.core.api.CommandInfo;
import gomd.core.api.CommandRegistry;
import gomd.core.api.InternalRequest;
import gomd.core.api.LocalNode;
import gomd.core.api.Permission;
import gomd.core.api.Reply;
import gomd.core.api.Request;
import gomd.core.api.Result;

/** A policy and command wired by hand, as DS would, on a rulebook in a temporary node home. */
final class Fixtures {

    /** What LOCAL_SUBNET stands for in tests: the fixture node's "interfaces". */
    static final List<Cidr> LOCAL = List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("192.0.2.0/24"),
            Cidr.parse("::1/128"), Cidr.parse("fd00::/64"));

    /** The commands the fake registry knows, one per permission. */
    static final List<CommandInfo> COMMANDS = List.of(
            new CommandInfo("get", "get SOURCE", "statistics", Permission.STATS_READ, "gomd.core"),
            new CommandInfo("exec", "exec CMD", "run here", Permission.EXEC_LOCAL, "gomd.scx"),
            new CommandInfo("cwc", "cwc CMD", "run everywhere", Permission.EXEC_CLUSTER, "gomd.scx"),
            new CommandInfo("acl", "acl", "access control", Permission.ADMIN, "gomd.acl"));

    private Fixtures() {
    }

    static Path rulebook(Path home) {
        return home.resolve(AclPolicy.DEFAULT_RULEBOOK);
    }

    static void write(Path home, String text) throws Exception {
        Path file = rulebook(home);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** An active policy on {@code home} with the default configuration and no periodic reload. */
    static AclPolicy policy(Path home) {
        return policy(home, config("", 3600, 3600));
    }

    static AclPolicy policy(Path home, AclPolicy.Config config) {
        AclPolicy p = new AclPolicy();
        p.node = node(home);
        p.interfaces = () -> LOCAL;
        p.activate(config);
        return p;
    }

    static AclCommand command(AclPolicy policy) {
        AclCommand c = new AclCommand();
        c.policy = policy;
        c.registry = new FakeRegistry();
        return c;
    }

    /** Runs {@code line} (e.g. {@code acl check 10.0.0.1 get}) as an admin on loopback would. */
    static Result run(AclCommand command, String line) throws Exception {
        Request r = InternalRequest.of(line);
        return Result.of(command, r);
    }

    static InetAddress ip(String literal) {
        return Addresses.parse(literal);
    }

    static AclPolicy.Config config(String rulebook, int reloadInterval, int localSubnetRefresh) {
        return new AclPolicy.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AclPolicy.Config.class;
            }

            @Override
            public String rulebook() {
                return rulebook;
            }

            @Override
            public int reloadInterval() {
                return reloadInterval;
            }

            @Override
            public int localSubnetRefresh() {
                return localSubnetRefresh;
            }
        };
    }

    private static LocalNode node(Path home) {
        return new LocalNode() {
            @Override
            public int number() {
                return 1;
            }

            @Override
            public String hostName() {
                return "testhost";
            }

            @Override
            public InetAddress consoleAddress() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public int consolePort() {
                return 24000;
            }

            @Override
            public Path home() {
                return home;
            }
        };
    }

    private static final class FakeRegistry implements CommandRegistry {
        @Override
        public List<CommandInfo> commands() {
            return COMMANDS;
        }

        @Override
        public Optional<CommandInfo> find(String name) {
            return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        @Override
        public void execute(Request request, Reply reply) {
            throw new UnsupportedOperationException("not needed by the acl command");
        }
    }

    static Permission permissionOf(String commandOrPermission) {
        return Arrays.stream(Permission.values()).filter(p -> p.name().equals(commandOrPermission)).findFirst()
                .orElseGet(() -> new FakeRegistry().find(commandOrPermission).orElseThrow().permission());
    }
}
