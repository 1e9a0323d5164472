package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.proxied.ProxiedApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pattern naming an interface that only a JDK dynamic proxy implements (Feign's and Retrofit's
 * clients) covers nothing the agent weaves: the proxy class's definition gets one WARN line saying so and
 * what to name instead, rather than the calls running silently unprotected.
 */
class JdkProxyTest {
    @TempDir
    Path dir;

    @JdkTest
    void aPatternNamingAnInterfaceOnlyAProxyImplementsIsNamedInOneLine(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("quotes", "retry: { maxAttempts: 3, minWait: 0s, maxWait: 0s }")
                .method("com.example.proxied.QuoteApi.quote", "quotes")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).systemProperty("fail.first", "true")
                .main(ProxiedApp.class, "quote 7").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).exceptionClass()).as("unprotected, as the line says%n%s", run.describe())
                .isEqualTo("java.net.ConnectException");
        assertThat(run.agentLog()).as(run::describe).filteredOn(line -> line.contains("java.lang.reflect.Proxy")).singleElement()
                .asString().matches("WARN  com\\.example\\.proxied\\.QuoteApi is implemented by jdk\\.proxy\\d+\\.\\$Proxy\\d+, a "
                        + "java\\.lang\\.reflect\\.Proxy \\(as Feign, Retrofit and Spring's HTTP interface clients and repositories make\\), "
                        + "which the agent does not weave: calls through it run unprotected; protect the application's method that calls it");
    }
}
