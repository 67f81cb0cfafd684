package gomd.acl.internal;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

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

    /** A policy and its loader, started as DS would start them. */
    record Acl(AclPolicy policy, AclLoader loader) {
        void stop() {
            loader.deactivate();
            policy.deactivate();
        }
    }

    static Path rulebook(Path home) {
        return home.resolve(AclLoader.DEFAULT_RULEBOOK);
    }

    static void write(Path home, String text) throws Exception {
        Path file = rulebook(home);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Started on {@code home} with the default configuration and no periodic reload. */
    static Acl start(Path home) {
        return start(home, config("", 3600, 3600));
    }

    static Acl start(Path home, AclLoader.Config config) {
        AclPolicy policy = new AclPolicy();
        AclLoader loader = new AclLoader();
        loader.node = node(home);
        loader.policy = policy;
        loader.interfaces = () -> LOCAL;
        loader.activate(config);
        return new Acl(policy, loader);
    }

    static AclCommand command(Acl acl) {
        AclCommand c = new AclCommand();
        c.policy = acl.policy();
        c.loader = acl.loader();
        c.registry = new FakeRegistryObjects();
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

    static AclLoader.Config config(String rulebook, int reloadInterval, int localSubnetRefresh) {
        return new AclLoader.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AclLoader.Config.class;
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

    /** What DS hands the command for its registry reference. */
    private static final class FakeRegistryObjects implements ComponentServiceObjects<CommandRegistry> {
        @Override
        public CommandRegistry getService() {
            return new FakeRegistry();
        }

        @Override
        public void ungetService(CommandRegistry service) {
        }

        @Override
        public ServiceReference<CommandRegistry> getServiceReference() {
            throw new UnsupportedOperationException("not needed by the acl command");
        }
    }

    static Permission permissionOf(String commandOrPermission) {
        return Arrays.stream(Permission.values()).filter(p -> p.name().equals(commandOrPermission)).findFirst()
                .orElseGet(() -> new FakeRegistry().find(commandOrPermission).orElseThrow().permission());
    }
}
