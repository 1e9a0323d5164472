package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import com.example.isolated.IsolatedClient;
import com.example.isolated.IsolatedDirect;
import com.example.isolated.IsolatedRemote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which code the patterns reach: implementations of a named interface or abstract class, classes in an
 * isolated class loader, one overload named by its parameter types, wildcards, and nested protected
 * calls on one thread (retried once, not multiplied).
 */
class InstrumentationReachTest extends WireMockTestBase {

    @TempDir
    Path dir;

    @JdkTest
    void patternsReachImplementationsIsolatedLoadersOverloadsWildcardsAndNestedCalls(Jdk jdk) throws IOException {
        // MALFORMED_RESPONSE_CHUNK: a transient IOException that the JDK client does not re-send by itself
        stubSequence("/fetch", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), ok("fine"));
        stubSequence("/load", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), ok("fine"));
        stubSequence("/nested", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));
        stubSequence("/overload/typed", aResponse().withStatus(503), ok("fine"));
        stubSequence("/overload/plain", aResponse().withStatus(503), ok("fine"));
        stubSequence("/wildcard", aResponse().withFault(Fault.EMPTY_RESPONSE), ok("fine"));
        Path isolatedClasses = copyIsolatedClasses(dir.resolve("isolated-classes"));
        Path config = ResilienceYaml.create()
                .service("api", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .service("outer", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.Fetcher.fetch", "api")
                .method("com.example.app.AbstractSource.load", "api")
                .method("com.example.isolated.IsolatedRemote.call", "api")
                .method("com.example.isolated.IsolatedDirect.call", "api")
                .method("com.example.app.ApiClient.get(java.lang.String,long)", "api")
                .method("com.example.app.Legacy*.po*", "api")
                .method("com.example.app.Outer.call", "outer")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).systemProperty("sun.net.http.retryPost", "false").app(baseUrl(),
                "fetch /fetch",
                "load /load",
                "isolated " + isolatedClasses + " " + IsolatedClient.class.getName(),
                "isolated " + isolatedClasses + " " + IsolatedDirect.class.getName(),
                "nested /nested",
                "get /overload/typed 5000",
                "get /overload/plain",
                "legacy-post /wildcard hello").run();

        assertThat(run.exitCode()).as(run::describe).isZero();

        CallResult fetch = run.call(1);
        assertThat(fetch.value()).as("interface Fetcher named, HttpFetcher implements it%n%s", run.describe()).isEqualTo("200");
        assertThat(fetch.attempts()).isEqualTo(2);
        assertThat(requests("/fetch")).isEqualTo(2);
        assertThat(run.stderrLines()).as(run::describe)
                .anyMatch(l -> l.matches("WARN  Retrying (Http)?Fetcher\\.fetch after java\\.io\\.IOException: .* \\(attempt 2/3\\)"));

        CallResult load = run.call(2);
        assertThat(load.value()).as("abstract AbstractSource named, HttpSource extends it%n%s", run.describe()).isEqualTo("200");
        assertThat(load.attempts()).isEqualTo(2);
        assertThat(requests("/load")).isEqualTo(2);

        CallResult viaInterface = run.call(3);
        assertThat(viaInterface.get("isolatedLoader")).as("loaded by the isolated loader%n%s", run.describe()).isEqualTo("true");
        assertThat(viaInterface.outcome()).as(run::describe).isEqualTo("OK");
        assertThat(viaInterface.value()).isEqualTo("isolated-ok");
        assertThat(viaInterface.attempts()).as("two refusals retried").isEqualTo(3);

        CallResult direct = run.call(4);
        assertThat(direct.get("isolatedLoader")).isEqualTo("true");
        assertThat(direct.outcome()).as(run::describe).isEqualTo("OK");
        assertThat(direct.value()).isEqualTo("direct-ok");
        assertThat(direct.attempts()).isEqualTo(3);

        CallResult nested = run.call(5);
        assertThat(nested.outcome()).as(run::describe).isEqualTo("THROWN");
        assertThat(nested.exceptionClass()).isEqualTo("java.io.IOException");
        assertThat(nested.attempts()).as("the inner method's attempts").isEqualTo(3);
        assertThat(nested.get("outerAttempts")).as("the outer method does not retry what the inner one exhausted")
                .isEqualTo("1");
        assertThat(requests("/nested")).as("3, not 3 x 3").isEqualTo(3);

        assertThat(run.call(6).value()).as("get(java.lang.String,long) is covered%n%s", run.describe()).isEqualTo("200");
        assertThat(requests("/overload/typed")).isEqualTo(2);
        assertThat(run.call(7).value()).as("get(java.lang.String) is not%n%s", run.describe()).isEqualTo("503");
        assertThat(requests("/overload/plain")).isEqualTo(1);

        assertThat(run.call(8).value()).as("Legacy*.po* covers LegacyClient.post%n%s", run.describe()).isEqualTo("200");
        assertThat(requests("/wildcard")).isEqualTo(2);
    }

    /** Copies the isolated classes out of test-classes, so that only the isolated loader can find them there. */
    private static Path copyIsolatedClasses(Path target) throws IOException {
        Path source = Artifacts.testClasses();
        for (Class<?> type : new Class<?>[] {IsolatedRemote.class, IsolatedClient.class, IsolatedDirect.class}) {
            String file = type.getName().replace('.', '/') + ".class";
            Path to = target.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(source.resolve(file), to);
        }
        return target;
    }
}
