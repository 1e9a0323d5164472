package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.OldLibsApp;
import com.example.app.TwinLoadersApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.LauncherJar;
import io.resilienceagent.it.harness.ResilienceYaml;
import com.example.isolated.TwinDirect;
import com.example.isolated.TwinImpl;
import com.example.isolated.TwinRemote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instrumentation across class loaders: two isolated {@code URLClassLoader}s (parent: the platform
 * loader) loading the same class names from one directory each get a protected copy; and an application
 * that ships its own, older SnakeYAML and Byte Buddy keeps using them while its method is retried, because
 * the agent's copies are shaded.
 */
class ClassLoaderIsolationTest {
    private static final String OLD_SNAKEYAML = "snakeyaml-1.33.jar";
    private static final String OLD_BYTEBUDDY = "byte-buddy-1.12.19.jar";

    @TempDir
    Path dir;

    @JdkTest
    void twoLoadersLoadingTheSameClassNameAreBothProtected(Jdk jdk) throws IOException {
        Path classes = Artifacts.copyTestClasses(dir.resolve("twin-classes"), TwinDirect.class, TwinImpl.class, TwinRemote.class);
        Path config = ResilienceYaml.create()
                .service("twins", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.isolated.TwinDirect.call", "twins")
                .method("com.example.isolated.TwinRemote.call", "twins")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).main(TwinLoadersApp.class, classes.toString()).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        for (String type : List.of("TwinDirect", "TwinImpl")) {
            String value = type.equals("TwinDirect") ? "twin-direct-ok" : "twin-impl-ok";
            for (int copy = 1; copy <= 2; copy++) {
                assertThat(run.stdoutLines()).as("copy %d of %s: its own class, retried twice%n%s", copy, type, run.describe())
                        .contains("RESULT class=" + type + " copy=" + copy + " ownLoader=true distinctFromOtherCopy=true"
                                + " attempts=3 outcome=OK value=" + value);
            }
        }
        assertThat(run.logLinesContaining("WARN  Retrying TwinDirect.call after java.net.ConnectException")).as(run::describe)
                .hasSize(4);
        assertThat(run.logLinesContaining("WARN  Retrying TwinImpl.call after java.net.ConnectException")).hasSize(4);
        assertThat(run.stderr()).doesNotContain("Could not instrument").doesNotContain("internal error");
    }

    @JdkTest
    void applicationWithItsOwnOlderSnakeYamlAndByteBuddyStillWorks(Jdk jdk) {
        Path oldLibs = Artifacts.testClasses().getParent().resolve("old-libs");
        Path snakeYaml = requireFile(oldLibs.resolve(OLD_SNAKEYAML));
        Path byteBuddy = requireFile(oldLibs.resolve(OLD_BYTEBUDDY));
        Path launcher = LauncherJar.write(dir.resolve("old-libs-app.jar"), OldLibsApp.class.getName(),
                List.of(snakeYaml, byteBuddy, Artifacts.testClasses()));
        Path config = ResilienceYaml.create()
                .service("old", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.OldLibsClient.parse", "old")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).jar(launcher).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdoutLines()).as("the application resolves its own jars%n%s", run.describe())
                .anySatisfy(l -> assertThat(l).startsWith("LIB name=org.yaml.snakeyaml.Yaml location=").endsWith("/" + OLD_SNAKEYAML))
                .anySatisfy(l -> assertThat(l).startsWith("LIB name=net.bytebuddy.ByteBuddy location=").endsWith("/" + OLD_BYTEBUDDY))
                .contains("YAML value={list=[1,_2,_3],_name=old}")
                .anySatisfy(l -> assertThat(l).startsWith("BYTEBUDDY generated=").contains(" superclass=java.lang.Object instance=true"))
                .contains("RESULT outcome=OK attempts=3 value=42")
                .as("the agent's internals stay out of the application's reach; its bootstrap layer is everywhere")
                .contains("AGENT CLASS name=io.resilienceagent.policy.CircuitBreaker hidden",
                        "AGENT CLASS name=io.resilienceagent.config.ConfigLoader hidden",
                        "AGENT CLASS name=io.resilienceagent.CircuitBreakerOpenException loader=bootstrap",
                        "AGENT CLASS name=io.resilienceagent.bootstrap.Dispatcher loader=bootstrap");
        assertThat(run.logLinesContaining("WARN  Retrying OldLibsClient.parse after java.net.ConnectException")).as(run::describe)
                .hasSize(2);
        assertThat(run.stderr()).doesNotContain("Could not instrument").doesNotContain("internal error")
                .doesNotContain("Exception in thread");
    }

    /**
     * What makes the previous test pass: the libraries are relocated under io.resilienceagent.shaded, both
     * as listed in the jar and inside the pack that the agent's own class loader reads; nothing refers to
     * an unrelocated library class; and of the agent itself only the launch package is a plain entry.
     */
    @Test
    void agentJarHoldsOnlyRelocatedLibrariesAndShowsOnlyItsLaunchPackage() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).filteredOn(n -> !n.startsWith("META-INF/") && !n.startsWith("io/resilienceagent/launch/")
                    && !n.startsWith("io/resilienceagent/shaded/")).isEmpty();
            assertThat(names).anyMatch(n -> n.startsWith("io/resilienceagent/shaded/snakeyaml/") && n.endsWith(".class"))
                    .anyMatch(n -> n.startsWith("io/resilienceagent/shaded/asm/") && n.endsWith(".class"))
                    .noneMatch(n -> n.startsWith("org/yaml/") || n.startsWith("org/objectweb/") || n.startsWith("net/bytebuddy/"));
            ZipEntry packEntry = jar.getEntry("META-INF/resilience-agent/agent.pack");
            assertThat(packEntry).isNotNull();
            String pack;
            try (var in = jar.getInputStream(packEntry)) {
                pack = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            assertThat(pack).contains("io/resilienceagent/shaded/snakeyaml/", "io/resilienceagent/shaded/asm/")
                    .doesNotContain("org/yaml/", "org/objectweb/");
        }
    }

    private static Path requireFile(Path file) {
        assertThat(file).as("%s is copied by the integration-tests pom (maven-dependency-plugin, "
                + "execution copy-old-application-libraries); run the tests through Maven", file).isRegularFile();
        return file;
    }
}
