package io.resilienceagent.it.harness;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** The jars and class directories the child JVMs run. */
public final class Artifacts {
    private Artifacts() {
    }

    private static Path agentSnapshot;

    /**
     * A private copy of {@code agent/target/resilience-agent.jar} (build it with
     * {@code mvn -pl agent package -DskipTests}), taken once per test run: a rebuild of the agent while
     * the tests run then cannot hand a child JVM a half-written jar, and every child runs the same build.
     */
    public static synchronized Path agentJar() {
        if (agentSnapshot == null) {
            Path jar = existing("agent.jar", "mvn -pl agent package -DskipTests");
            try {
                Path dir = Files.createTempDirectory("agent-under-test-");
                // readable by all, as the build's own jar is: a child may run as another user (ChildJvm.asUser)
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                // deleteOnExit deletes in the reverse order of registration: the directory after its jar
                dir.toFile().deleteOnExit();
                Path copy = Files.copy(jar, dir.resolve(jar.getFileName()));
                copy.toFile().deleteOnExit();
                agentSnapshot = copy;
            } catch (IOException e) {
                throw new UncheckedIOException("could not copy " + jar, e);
            }
        }
        return agentSnapshot;
    }

    /** {@code demo-app/target/demo-app.jar}; build it with {@code mvn -pl demo-app package}. */
    public static Path demoJar() {
        return existing("demo.jar", "mvn -pl demo-app package");
    }

    /** {@code io.opentelemetry.javaagent:opentelemetry-javaagent}, copied into {@code target/tools} by the module's pom. */
    public static Path openTelemetryAgentJar() {
        return existing("otel-agent.jar", "mvn -pl integration-tests generate-test-resources");
    }

    /** The Datadog Java agent, copied by the build like {@link #openTelemetryAgentJar()}. */
    public static Path datadogAgentJar() {
        return existing("dd-agent.jar", "mvn -pl integration-tests generate-test-resources");
    }

    /** The Spring Boot sample's fat jar, {@code samples/spring-boot-app/target/spring-boot-app.jar}. */
    public static Path springBootAppJar() {
        return existing("spring-boot-app.jar", "mvn -pl samples/spring-boot-app package");
    }

    /** This module's {@code target/test-classes}, which holds the test applications. */
    public static Path testClasses() {
        try {
            return Path.of(Artifacts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The jars on this module's test class path whose file names start with one of {@code prefixes};
     * fails the test if a prefix matches none (the pom should list that library in test scope).
     */
    public static List<Path> testLibraries(String... prefixes) {
        List<Path> jars = new ArrayList<>();
        for (String prefix : prefixes) {
            int before = jars.size();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry);
                String name = path.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".jar")) {
                    jars.add(path);
                }
            }
            if (jars.size() == before) {
                fail("no jar named " + prefix + "*.jar on the test class path; add the library to integration-tests/pom.xml in test scope");
            }
        }
        return jars;
    }

    /**
     * Copies the class files of {@code types} from this module's test classes into {@code target} (in
     * their package directories), for a test application to load them in class loaders of its own.
     */
    public static Path copyTestClasses(Path target, Class<?>... types) throws IOException {
        for (Class<?> type : types) {
            String file = type.getName().replace('.', '/') + ".class";
            Path to = target.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(testClasses().resolve(file), to);
        }
        return target;
    }

    /** The root of the Maven project (the parent of this module). */
    public static Path projectRoot() {
        return testClasses().getParent().getParent().getParent();
    }

    private static Path existing(String property, String build) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            fail("System property " + property + " is not set; run the tests through Maven (the pom sets it)");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            fail(path + " does not exist: build it first (" + build + "), or run `mvn verify` at the top level");
        }
        return path;
    }
}
