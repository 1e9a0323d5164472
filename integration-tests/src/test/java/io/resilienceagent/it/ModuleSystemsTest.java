package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.modular.ModularApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Woven classes in module systems whose class loaders delegate to the boot class loader only what their
 * configuration lists (OSGi bundles of Felix and Equinox, here also with the frameworks' delegation of
 * requests from outside a bundle's code turned off, and JBoss modules): the agent makes those loaders
 * take its bootstrap classes from the boot class loader, so the woven code links and the calls are
 * protected. In a loader of any other kind that does not see them, the class is left unwoven with a
 * WARN line naming the fix, instead of its calls failing with {@code NoClassDefFoundError}. An agent
 * attached to a running module system makes its loader delegate before it weaves the classes loaded already.
 */
class ModuleSystemsTest {
    private static final String CONFIG_BREAKER = "circuitBreaker: { failureThreshold: 3, recoveryTimeout: 60s }";

    @TempDir
    Path dir;

    @JdkTest
    void aBundleOfAnEmbeddedFelixIsProtected(Jdk jdk) {
        assertProtected(run(jdk, "osgi", "org.apache.felix.framework-", true), "org.apache.felix.framework.BundleWiringImpl$BundleClassLoader");
    }

    @JdkTest
    void aBundleOfAnEmbeddedEquinoxIsProtected(Jdk jdk) {
        assertProtected(run(jdk, "osgi", "org.eclipse.osgi-", true), "org.eclipse.osgi.internal.loader.EquinoxClassLoader");
    }

    @JdkTest
    void aBundleOfAnEquinoxThatDelegatesRequestsFromOutsideBundlesIsProtected(Jdk jdk) {
        assertProtected(run(jdk, "osgi", "org.eclipse.osgi-", false), "org.eclipse.osgi.internal.loader.EquinoxClassLoader");
    }

    @JdkTest
    void aJbossModuleIsProtected(Jdk jdk) {
        assertProtected(run(jdk, "jboss", "jboss-modules-", false), "org.jboss.modules.ModuleClassLoader");
    }

    @Test
    void underASecurityManagerAModuleWithoutPermissionsIsProtected() throws IOException {
        // Java 17 (24 removed the security manager): the agent, the module system and the launcher may do
        // anything, the module's own code nothing; the woven loader links the agent's classes all the same
        Path policy = Files.writeString(dir.resolve("app.policy"), grantAll(Artifacts.agentJar()) + grantAll(Artifacts.testClasses())
                + grantAll(Artifacts.testLibraries("jboss-modules-").get(0)));

        ChildResult run = ChildJvm.on(new Jdk("17", "java17.home")).withConfig(config()).withLibraries("jboss-modules-")
                .jvmOption("-Djava.security.manager").systemProperty("java.security.policy", policy.toString())
                .main(ModularApp.class, "jboss", "call", "down", "down", "rejectedByBreaker").run();

        assertProtected(run, "org.jboss.modules.ModuleClassLoader");
        assertThat(run.call(4).value()).as("the module's code finds the agent's exception class%n%s", run.describe()).isEqualTo("true");
    }

    private static String grantAll(Path codeBase) {
        return "grant codeBase \"" + codeBase.toUri() + "\" { permission java.security.AllPermission; };\n";
    }

    @JdkTest
    void attachedToARunningModuleSystemItsLoaderAndTheLoadedClassAreProtected(Jdk jdk) {
        Path config = config();
        try (LiveChildJvm app = LiveChildJvm.start(ChildJvm.on(jdk).withLibraries("jboss-modules-")
                .systemProperty("modular.await", "true").main(ModularApp.class, "jboss", "call", "down", "down"), "READY")) {
            ChildResult attach = ChildJvm.on(jdk).jar(Artifacts.agentJar(), "attach", String.valueOf(app.pid()),
                    "config=" + config).run();
            assertThat(attach.exitCode()).as(attach::describe).isZero();
            app.send("go");
            assertThat(CallResult.parse(app.awaitLine("RESULT call=1")).value()).as(app::describe).isEqualTo("fine");
            assertThat(CallResult.parse(app.awaitLine("RESULT call=3")).exceptionClass()).as(app::describe)
                    .isEqualTo("io.resilienceagent.CircuitBreakerOpenException");
            assertThat(app.quit()).as(app::describe).isZero();
            assertThat(app.agentLog()).as(app::describe).noneMatch(line -> line.contains("Could not"));
        }
    }

    @JdkTest
    void aLoaderThatDoesNotSeeTheAgentsClassesRunsItsClassUnwovenWithOneLine(Jdk jdk) {
        ChildResult run = run(jdk, "isolated", null, false);

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult first = run.call(1);
        assertThat(first.exceptionClass()).as("the body ran, unwoven: no NoClassDefFoundError%n%s", run.describe())
                .isEqualTo("java.net.ConnectException");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(run.agentLog()).as(run::describe).filteredOn(line -> line.contains("ModularClient.call"))
                .singleElement().asString().isEqualTo("WARN  Could not instrument com.example.modular.bundled.ModularClient.call(), "
                        + "it runs unprotected: its class loader (com.example.modular.ModularApp$JavaOnlyLoader) does not see the "
                        + "agent's package io.resilienceagent.bootstrap, which woven code calls, so the woven method would fail with "
                        + "NoClassDefFoundError; let that loader delegate the package to the boot class loader (OSGi: add "
                        + "io.resilienceagent.bootstrap to the framework property org.osgi.framework.bootdelegation; JBoss Modules "
                        + "and WildFly: add io.resilienceagent.bootstrap to -Djboss.modules.system.pkgs)");
    }

    private Path config() {
        return ResilienceYaml.create()
                .service("modular", "retry: { maxAttempts: 3, minWait: 0s, maxWait: 0s }", CONFIG_BREAKER)
                .method("com.example.modular.bundled.ModularClient.call", "modular")
                .method("com.example.modular.bundled.ModularClient.down", "modular")
                .writeTo(dir);
    }

    /** @param strict whether an OSGi framework delegates only what its boot delegation lists, even requests from outside bundles */
    private ChildResult run(Jdk jdk, String system, String library, boolean strict) {
        ChildJvm child = ChildJvm.on(jdk).withConfig(config()).systemProperty("modular.strict", String.valueOf(strict));
        if (library != null) {
            child.withLibraries(library);
        }
        return child.main(ModularApp.class, system, "call", "down", "down").run();
    }

    private static void assertProtected(ChildResult run, String loader) {
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("LOADER " + loader);
        CallResult retried = run.call(1);
        assertThat(retried.value()).as("retried until it answered%n%s", run.describe()).isEqualTo("fine");
        assertThat(retried.attempts()).isEqualTo(3);
        CallResult exhausted = run.call(2);
        assertThat(exhausted.exceptionClass()).as(run::describe).isEqualTo("java.net.ConnectException");
        assertThat(exhausted.attempts()).isEqualTo(3);
        CallResult rejected = run.call(3);
        assertThat(rejected.exceptionClass()).as("the breaker opened%n%s", run.describe())
                .isEqualTo("io.resilienceagent.CircuitBreakerOpenException");
        assertThat(rejected.attempts()).isZero();
        assertThat(run.agentLog()).as(run::describe).noneMatch(line -> line.contains("Could not"));
    }
}
