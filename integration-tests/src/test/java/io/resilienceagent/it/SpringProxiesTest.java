package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.springproxy.SpringProxyApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spring's real CGLIB proxies under patterns that cover them too (a wildcard class name, an interface):
 * only the beans' own classes are woven, never the generated {@code $$SpringCGLIB$$} subclass. Woven,
 * the proxy's plumbing ({@code hashCode}, {@code toString}, {@code Advised}) threw the open breaker's
 * exception, and a proxy handing the call to an executor ({@code @Async}) multiplied the attempts.
 */
class SpringProxiesTest {
    static final String[] SPRING = {"spring-aop-", "spring-context-", "spring-core-", "spring-beans-", "spring-jcl-",
            "spring-expression-", "micrometer-"};

    @TempDir
    Path dir;

    @JdkTest
    void theProxiesOfBeansAreLeftAsTheyAreAndTheBeansThemselvesProtected(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("api", "retry: { maxAttempts: 3, minWait: 0s, maxWait: 0s }",
                        "circuitBreaker: { failureThreshold: 3, recoveryTimeout: 1h }")
                .method("com.example.springproxy.Api*.*", "api")
                .method("com.example.springproxy.AsyncApi.fetchAsync", "api")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).withLibraries(SPRING).systemProperty("resilience.logLevel", "DEBUG")
                .main(SpringProxyApp.class, "fetch 2", "async 5", "objectMethods").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("$$SpringCGLIB$$");
        assertThat(run.call(1).value()).as(run::describe).isEqualTo("fetched-x");
        assertThat(run.call(1).attempts()).isEqualTo(3);
        assertThat(run.call(2).exceptionClass()).as(run::describe).isEqualTo("java.net.ConnectException");
        assertThat(run.call(2).attempts()).as("the bean's three attempts, not three for each run the proxy hands on%n%s",
                run.describe()).isEqualTo(3);
        assertThat(run.agentLog()).as(run::describe).contains("ERROR Circuit breaker for api: CLOSED -> OPEN (failures: 3)");
        assertThat(run.call(3).outcome()).as("the proxy's own methods with the breaker OPEN%n%s", run.describe()).isEqualTo("OK");
        for (String bean : new String[] {"ApiService", "AsyncApiService"}) {
            assertThat(run.agentLog()).as(run::describe).anyMatch(line -> line.matches("DEBUG Not instrumenting com\\.example\\.springproxy\\."
                    + bean + "\\$\\$SpringCGLIB\\$\\$\\d+: a generated proxy, whose target class the patterns cover"));
        }
        assertThat(run.agentLog()).as(run::describe)
                .noneMatch(line -> line.contains("Retrying 0.") || line.startsWith("WARN  Could not instrument") || line.contains("matched no method"));
    }
}
