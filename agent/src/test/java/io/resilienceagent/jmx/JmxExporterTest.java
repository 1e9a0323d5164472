package io.resilienceagent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.policy.BreakerListener;
import io.resilienceagent.policy.ServiceGuard;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxExporterTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    private ServiceRegistry registry(String... services) {
        Map<String, ServiceSettings> settings = new LinkedHashMap<>();
        for (String name : services) {
            settings.put(name, new ServiceSettings(name, RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS));
        }
        return new ServiceRegistry(new ResilienceConfig(Optional.empty(), settings, List.of()), Timing.SYSTEM,
                BreakerListener.NONE);
    }

    @Test
    void exposesEveryDocumentedAttributeOfEachBreaker() throws Exception {
        ServiceRegistry registry = registry("claude_api", "agent_http");
        JmxExporter.register(server, "0.1.0", view("/etc/resilience.yaml", registry, List::of), registry);
        ObjectName name = new ObjectName("io.resilienceagent:type=CircuitBreaker,name=claude_api");

        assertThat(server.getAttribute(name, "State")).isEqualTo("CLOSED");
        assertThat(server.getAttribute(name, "StateCode")).isEqualTo(0);
        for (String attribute : List.of("FailureCount", "SuccessCount")) {
            assertThat(server.getAttribute(name, attribute)).as(attribute).isEqualTo(0);
        }
        for (String attribute : List.of("TotalCalls", "TotalFailures", "TotalRetries", "TotalRejected")) {
            assertThat(server.getAttribute(name, attribute)).as(attribute).isEqualTo(0L);
        }
        assertThat((Long) server.getAttribute(name, "LastStateChangeMillis")).isPositive();
        assertThat(server.isRegistered(new ObjectName("io.resilienceagent:type=CircuitBreaker,name=agent_http"))).isTrue();
    }

    @Test
    void forceOpenAndResetChangeTheBreaker() throws Exception {
        ServiceRegistry registry = registry("claude_api");
        JmxExporter.register(server, "0.1.0", view("/etc/resilience.yaml", registry, List::of), registry);
        ObjectName name = JmxExporter.breakerName("claude_api");
        ServiceGuard guard = registry.service("claude_api").orElseThrow();

        server.invoke(name, "forceOpen", null, null);
        assertThat(server.getAttribute(name, "State")).isEqualTo("OPEN");
        assertThat(server.getAttribute(name, "StateCode")).isEqualTo(1);
        assertThat(enter(guard)).as("the next call is rejected").isInstanceOf(Throwable.class);

        server.invoke(name, "reset", null, null);
        assertThat(server.getAttribute(name, "State")).isEqualTo("CLOSED");
        assertThat(enter(guard)).isNotInstanceOf(Throwable.class);
        assertThat(server.getAttribute(name, "TotalRejected")).isEqualTo(1L);
    }

    @Test
    void readingCountersNeverMovesAnOpenBreakerToHalfOpen() throws Exception {
        ServiceRegistry registry = new ServiceRegistry(new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", RetrySettings.DEFAULTS,
                        new BreakerSettings(1, java.time.Duration.ofNanos(1), 1, 1, Optional.empty()))),
                List.of()), Timing.SYSTEM, BreakerListener.NONE);
        JmxExporter.register(server, "0.1.0", view("/etc/resilience.yaml", registry, List::of), registry);
        ObjectName name = JmxExporter.breakerName("svc");
        ServiceGuard guard = registry.service("svc").orElseThrow();
        guard.breaker().forceOpen();

        for (String counter : List.of("TotalCalls", "TotalFailures", "TotalRetries", "TotalRejected", "FailureCount",
                "SuccessCount", "LastStateChangeMillis")) {
            server.getAttribute(name, counter);
        }

        assertThat(guard.breaker().state()).isEqualTo(io.resilienceagent.policy.BreakerState.OPEN);
        assertThat(server.getAttribute(name, "State")).as("reading State applies the timeout").isEqualTo("HALF_OPEN");
    }

    @Test
    void theAgentBeanListsServicesMethodsAndUnmatchedPatterns() throws Exception {
        ServiceRegistry registry = registry("claude_api", "agent_http");
        registry.recordInstrumented("com.example.claude.ClaudeClient", "com.example.claude.ClaudeClient.complete(java.lang.String)");
        JmxExporter.register(server, "0.1.0", view("/etc/resilience.yaml", registry, () -> List.of("com.example.Missing.call")), registry);
        ObjectName agent = new ObjectName("io.resilienceagent:type=Agent");

        assertThat(server.getAttribute(agent, "Version")).isEqualTo("0.1.0");
        assertThat(server.getAttribute(agent, "ConfigPath")).isEqualTo("/etc/resilience.yaml");
        assertThat((String[]) server.getAttribute(agent, "Services")).containsExactly("claude_api", "agent_http");
        assertThat((String[]) server.getAttribute(agent, "InstrumentedMethods"))
                .containsExactly("com.example.claude.ClaudeClient.complete(java.lang.String)");
        assertThat((String[]) server.getAttribute(agent, "UnmatchedPatterns")).containsExactly("com.example.Missing.call");
    }

    @Test
    void quotesServiceNamesThatObjectNamesCannotHoldAsIs() throws Exception {
        assertThat(JmxExporter.breakerName("claude_api").getKeyProperty("name")).isEqualTo("claude_api");
        assertThat(JmxExporter.breakerName("a,b=c").getKeyProperty("name")).isEqualTo("\"a,b=c\"");
        assertThat(ObjectName.unquote(JmxExporter.breakerName("a:b").getKeyProperty("name"))).isEqualTo("a:b");
    }

    @Test
    void registeringTwiceReplacesTheBeans() throws Exception {
        register("/a.yaml", registry("svc"), List::of);
        register("/b.yaml", registry("svc"), List::of);

        assertThat(server.getAttribute(JmxExporter.agentName(), "ConfigPath")).isEqualTo("/b.yaml");
    }

    private void register(String configPath, ServiceRegistry registry, java.util.function.Supplier<List<String>> unmatched) {
        JmxExporter.register(server, "0.1.0", view(configPath, registry, unmatched), registry);
    }

    /** The agent as a fixed config shows it. */
    private static AgentView view(String configPath, ServiceRegistry registry, java.util.function.Supplier<List<String>> unmatched) {
        return new AgentView() {
            @Override
            public String configPath() {
                return configPath;
            }

            @Override
            public List<String> services() {
                return registry.services().stream().map(ServiceGuard::name).toList();
            }

            @Override
            public List<String> instrumentedMethods() {
                return registry.instrumentedMethods();
            }

            @Override
            public List<String> unmatchedPatterns() {
                return unmatched.get();
            }

            @Override
            public String lastReloadError() {
                return "";
            }

            @Override
            public String reload() {
                return "OK";
            }
        };
    }

    /** Asks {@code guard}'s breaker to admit a call, as woven code does; ends the call at once when admitted. */
    private static Object enter(ServiceGuard guard) {
        io.resilienceagent.policy.MethodGuard method = new io.resilienceagent.policy.MethodGuard("Client.call", guard);
        Object admission = method.enter(null);
        if (!(admission instanceof Throwable)) {
            method.exit(null, admission, "ok", null);
        }
        return admission;
    }
}
