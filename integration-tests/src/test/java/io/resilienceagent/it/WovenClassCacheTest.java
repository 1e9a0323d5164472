package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The woven-class cache ({@code cache=DIR}), end to end with the agent jar: the first start weaves and
 * fills the cache, the second takes the woven code from it, and both retry alike; a directory other
 * users could write is not used, with one WARN line, and the application is protected all the same.
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
        ChildResult run = ChildJvm.on(jdk).withAgentArgs("config=" + config().toAbsolutePath() + ",cache=" + cache)
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

    private static long entries(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.toString().endsWith(".woven")).count();
        }
    }
}
