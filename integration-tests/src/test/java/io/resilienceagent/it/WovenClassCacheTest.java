package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The woven-class cache ({@code cache=DIR}), end to end with the agent jar: the first start weaves and
 * fills the cache, the second takes the woven code from it, and both retry alike, also when a pattern
 * more gives the class another id; a directory other users could write is not used, with one WARN line,
 * and the application is protected all the same; a cache root filled serves a JVM of another user once
 * it may read it.
 */
class WovenClassCacheTest extends WireMockTestBase {
    private static final String FROM_CACHE = "Woven code of com.example.app.ApiClient read from the woven-class cache";

    @TempDir
    Path dir;

    private Path config() {
        return ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.ApiClient.get", "api")
                .writeTo(dir);
    }

    private ChildResult start(Jdk jdk, Path cache) {
        return start(ChildJvm.on(jdk), cache);
    }

    private ChildResult start(ChildJvm child, Path cache) {
        return start(child, config(), cache);
    }

    private ChildResult start(ChildJvm child, Path config, Path cache) {
        ChildResult run = child.withAgentArgs("config=" + config.toAbsolutePath() + ",cache=" + cache)
                .systemProperty("resilience.logLevel", "DEBUG").app(baseUrl(), "get /down").run();
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("503");
        assertThat(run.call(1).attempts()).as(run::describe).isEqualTo(3);
        return run;
    }

    @JdkTest
    void theSecondStartTakesTheWovenCodeFromTheCacheAndRetriesAlike(Jdk jdk) throws IOException {
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        Path cache = dir.resolve("cache");

        ChildResult first = start(jdk, cache);
        assertThat(first.logLinesContaining(FROM_CACHE)).as(first::describe).isEmpty();
        assertThat(entries(cache)).as("one entry, in the agent build's own directory").isEqualTo(1);

        ChildResult second = start(jdk, cache);
        assertThat(second.logLinesContaining(FROM_CACHE)).as(second::describe).hasSize(1);
        assertThat(second.logLinesContaining("woven-class cache")).as("nothing else about the cache").hasSize(1);
    }

    /**
     * A method of the main class, loaded and woven before {@code ApiClient}, takes the first id, so that
     * {@code ApiClient.get} gets another id than at the start that filled the cache.
     */
    @JdkTest
    void aStartWithOnePatternMoreStillTakesTheClassFromTheCache(Jdk jdk) throws IOException {
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        Path cache = dir.resolve("cache");
        start(jdk, cache);
        Path wider = ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.HttpApp.describe", "api")
                .method("com.example.app.ApiClient.get", "api")
                .writeTo(dir.resolve("wider"));

        ChildResult run = start(ChildJvm.on(jdk), wider, cache);

        assertThat(run.logLinesContaining(FROM_CACHE)).as(run::describe).hasSize(1);
        assertThat(entries(cache)).as("ApiClient's entry, and the main class's").isEqualTo(2);
    }

    @JdkTest
    void aDirectoryOthersCanWriteIsNotUsedAndTheApplicationIsProtectedAllTheSame(Jdk jdk) throws IOException {
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        ChildResult run = start(jdk, shared);

        assertThat(run.logLinesContaining("the woven-class cache " + shared + " is not used")).as(run::describe)
                .singleElement().asString().contains("writable by other users");
        assertThat(entries(shared)).isZero();
    }

    /**
     * A container image's build fills the cache as root (a training run), the application runs as
     * another user: until the cache is made readable it is not used, with the fix in the WARN line;
     * then it serves that user's first start. Skipped unless run as root, with {@code runuser}, where
     * nobody may read the test classes and the agent jar.
     */
    @JdkTest
    void aCacheRootFilledServesAnotherUsersFirstStartOnceMadeReadable(Jdk jdk) throws IOException {
        assumeTrue(nobodyCanRun(jdk), "needs root, runuser, and a user nobody who may read the test classes and run " + jdk.java());
        wireMock.stubFor(any(urlPathEqualTo("/down")).willReturn(status(503)));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cache = dir.resolve("cache");
        start(jdk, cache);

        ChildResult denied = start(ChildJvm.on(jdk).asUser("nobody").workingDirectory(dir), cache);
        assertThat(denied.logLinesContaining("the woven-class cache " + cache + " is not used")).as(denied::describe)
                .singleElement().asString().contains("to the JVM's user (nobody)").contains("chmod -R go+rX " + cache);

        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        ChildResult served = start(ChildJvm.on(jdk).asUser("nobody").workingDirectory(dir), cache);
        assertThat(served.logLinesContaining(FROM_CACHE)).as(served::describe).hasSize(1);
        assertThat(served.logLinesContaining("woven-class cache")).as("nothing else about the cache").hasSize(1);
    }

    /** Whether this JVM may run a child as nobody, and nobody may read what the child runs (CI's clone may lie under /root). */
    private static boolean nobodyCanRun(Jdk jdk) {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of(ChildJvm.RUNUSER))) {
            return false;
        }
        Path appClass = Artifacts.testClasses().resolve("com/example/app/HttpApp.class");
        try {
            Process probe = new ProcessBuilder(ChildJvm.RUNUSER, "-u", "nobody", "--", "test", "-r", appClass.toString(),
                    "-a", "-r", Artifacts.agentJar().toString(), "-a", "-x", jdk.java().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long entries(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.toString().endsWith(".woven")).count();
        }
    }
}
