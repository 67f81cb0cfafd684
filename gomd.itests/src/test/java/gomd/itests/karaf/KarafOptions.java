package gomd.itests.karaf;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.intern.TestProbeBuilderImpl;

import gomd.itests.harness.Answer;
import gomd.itests.harness.GomdConsole;
import gomd.itests.harness.Wire;

/** Pax Exam configuration for tests inside the built gomd distribution. */
public final class KarafOptions {

    static final String KARAF_VERSION = "4.4.8";
    private static final String MVN_CFG = "etc/org.ops4j.pax.url.mvn.cfg";

    private KarafOptions() {
    }

    /** The distribution with its console on {@code port} and Karaf SSH on {@code port + 1}. */
    public static Option[] gomd(int port) {
        String archive = required("gomd.dist.archive");
        String localRepo = required("maven.repo.local");
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(new File(archive).toURI().toString())
                    .name("gomd")
                    .karafVersion(KARAF_VERSION)
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.INFO),
            // Pax Exam installs its own bundles by Maven URL: from the build's local repository only.
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.localRepository", localRepo),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.defaultRepositories",
                    "file:${karaf.home}/${karaf.default.repository}@snapshots@id=karaf.system,"
                            + new File(localRepo).toURI() + "@snapshots@id=local"),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.repositories", ""),
            editConfigurationFilePut(MVN_CFG, "org.ops4j.pax.url.mvn.offline", "true"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(port + 1)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
            systemProperty("gomd.port").value(Integer.toString(port)),
            systemProperty("gomd.itests.plugin").value(required("gomd.itests.plugin")),
            // What bin/karaf adds on JDK 9+ (Pax Exam does not); paths are relative to the Karaf base.
            vmOptions(
                    "--add-reads=java.xml=java.logging",
                    "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                    "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + KARAF_VERSION + ".jar",
                    "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + KARAF_VERSION + ".jar",
                    "--add-opens", "java.base/java.security=ALL-UNNAMED",
                    "--add-opens", "java.base/java.net=ALL-UNNAMED",
                    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "--add-opens", "java.base/java.util=ALL-UNNAMED",
                    "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                    "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                    "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                    "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                    "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                    "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m"),
        };
    }

    /**
     * Puts the harness's console client into the probe bundle (it lives in src/main, not in the
     * test classes). The test class goes first: the probe takes every class of the first
     * anchor's directory (the test classes) and only the named classes of the others.
     */
    public static TestProbeBuilder withHarness(TestProbeBuilder probe, Class<?> testClass) {
        // addAnchor (copy these classes into the probe) is only on the implementation
        if (!(probe instanceof TestProbeBuilderImpl impl)) {
            throw new IllegalStateException("unexpected Pax Exam probe builder " + probe.getClass());
        }
        for (Class<?> c : new Class<?>[] {testClass, GomdConsole.class, GomdConsole.Refused.class, Answer.class, Wire.class}) {
            impl.addAnchor(c);
        }
        return impl;
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        return v;
    }
}
