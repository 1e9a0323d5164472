package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.InteractiveApp;
import io.resilienceagent.it.harness.AttachedJmx;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.ObjectName;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code io.resilienceagent:type=Agent}, read from outside the child JVM through the attach API:
 * {@code InstrumentedMethods} lists exactly the methods transformed so far and grows when a class
 * named in the config is loaded on demand; {@code UnmatchedPatterns} shrinks accordingly, and a pattern
 * that never matches stays in it.
 */
class AgentMXBeanTest extends WireMockTestBase {
    private static final String APP = "com.example.app.";

    @TempDir
    Path dir;

    @JdkTest
    void listsTransformedMethodsAndUnmatchedPatternsAsClassesLoad(Jdk jdk) throws Exception {
        wireMock.stubFor(any(urlPathEqualTo("/ok")).willReturn(ok("fine")));
        // services deliberately not in alphabetical order: Services keeps file order
        Path config = ResilienceYaml.create()
                .service("primary", "retry: { maxAttempts: 1 }")
                .service("ondemand", "retry: { maxAttempts: 1 }")
                .service("absent")
                .method(APP + "ApiClient.get", "primary")           // loaded before main runs: both overloads
                .method(APP + "LazyClient.fetch", "ondemand")       // loaded by the first `lazy` command
                .method(APP + "NoSuchClient.*", "absent")           // a class that never exists
                .method(APP + "ApiClient.nothing(int)", "absent")   // a loaded class without such a method
                .writeTo(dir);

        try (LiveChildJvm child = LiveChildJvm.start(ChildJvm.on(jdk).withConfig(config).main(InteractiveApp.class, baseUrl()));
                AttachedJmx jmx = AttachedJmx.attach(child.pid())) {
            ObjectName agent = AttachedJmx.agent();
            jmx.awaitRegistered(agent, Duration.ofSeconds(20));

            assertThat(Arrays.stream(jmx.connection().getMBeanInfo(agent).getAttributes())
                    .collect(Collectors.toMap(MBeanAttributeInfo::getName, MBeanAttributeInfo::getType)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "Version", "java.lang.String",
                            "ConfigPath", "java.lang.String",
                            "Services", "[Ljava.lang.String;",
                            "InstrumentedMethods", "[Ljava.lang.String;",
                            "UnmatchedPatterns", "[Ljava.lang.String;",
                            "LastReloadError", "java.lang.String"));
            assertThat(Arrays.stream(jmx.connection().getMBeanInfo(agent).getOperations())
                    .map(o -> o.getName() + "(" + o.getSignature().length + "):" + o.getReturnType()))
                    .as("one operation, reload()").containsExactly("reload(0):java.lang.String");
            assertThat(jmx.get(agent, "LastReloadError")).as("no reload refused").isEqualTo("");
            assertThat(jmx.connection().queryNames(AttachedJmx.name("io.resilienceagent:*"), null))
                    .as("one breaker per service, and the agent")
                    .containsExactlyInAnyOrder(agent, AttachedJmx.breaker("primary"), AttachedJmx.breaker("ondemand"),
                            AttachedJmx.breaker("absent"));

            assertThat(jmx.get(agent, "Version")).isEqualTo("0.1.0");
            assertThat(jmx.get(agent, "ConfigPath")).isEqualTo(config.toAbsolutePath().normalize().toString());
            assertThat((String[]) jmx.get(agent, "Services")).containsExactly("primary", "ondemand", "absent");

            // before LazyClient is loaded: only ApiClient.get's overloads are transformed
            assertThat((String[]) jmx.get(agent, "InstrumentedMethods")).as(child::describe).containsExactlyInAnyOrder(
                    APP + "ApiClient.get(java.lang.String)",
                    APP + "ApiClient.get(java.lang.String,long)");
            assertThat((String[]) jmx.get(agent, "UnmatchedPatterns")).as(child::describe).containsExactly(
                    APP + "LazyClient.fetch", APP + "NoSuchClient.*", APP + "ApiClient.nothing(int)");

            // calls to already transformed methods change neither list
            assertThat(child.call("get /ok").value()).as(child::describe).isEqualTo("200");
            assertThat((String[]) jmx.get(agent, "InstrumentedMethods")).hasSize(2);

            // the first `lazy` command loads LazyClient, which is transformed then
            CallResult lazy = child.call("lazy /ok");
            assertThat(lazy.value()).as(child::describe).isEqualTo("200");
            assertThat(lazy.attempts()).isEqualTo(1);
            assertThat((String[]) jmx.get(agent, "InstrumentedMethods")).as(child::describe).containsExactlyInAnyOrder(
                    APP + "ApiClient.get(java.lang.String)",
                    APP + "ApiClient.get(java.lang.String,long)",
                    APP + "LazyClient.fetch(java.lang.String)");
            assertThat((String[]) jmx.get(agent, "UnmatchedPatterns")).as(child::describe).containsExactly(
                    APP + "NoSuchClient.*", APP + "ApiClient.nothing(int)");
            assertThat(jmx.get(AttachedJmx.breaker("ondemand"), "TotalCalls")).as("the lazy call went through its breaker").isEqualTo(1L);

            // more calls load nothing new
            child.call("lazy /ok");
            assertThat((String[]) jmx.get(agent, "InstrumentedMethods")).hasSize(3);
            assertThat((String[]) jmx.get(agent, "UnmatchedPatterns")).hasSize(2);

            assertThat(child.quit()).as(child::describe).isZero();
            assertThat(child.agentLog()).as("one line at shutdown names the patterns that never matched%n%s", child.describe())
                    .containsOnlyOnce("INFO  Patterns that matched no method while the application ran: " + APP
                            + "NoSuchClient.*, " + APP + "ApiClient.nothing(int) (check the class and method names; "
                            + "JMX UnmatchedPatterns lists them while it runs)");
        }
    }
}
