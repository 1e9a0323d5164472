package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.AnnotatedClients;
import com.example.sample.FlakyTarget;
import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.log.AgentLogCapture;
import io.resilienceagent.policy.BreakerListener;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A woven method that another framework also retries (spring-retry, resilience4j) or runs in a
 * transaction (Spring's, Jakarta's; on the method or its class) is woven with one WARN line saying what
 * that does to the agent's retries; the real annotations, read from the class file.
 */
class FrameworkAnnotationsTest {
    private static final String CLIENTS = AnnotatedClients.class.getName();

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    private ServiceRegistry weave(Class<?> type) throws Exception {
        List<MethodMapping> mappings = List.of(new MethodMapping(MethodPattern.parse(type.getName() + ".*"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS)), mappings);
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        MethodSelector selector = new MethodSelector(mappings);
        byte[] woven = new ClassInstrumenter(registry, selector).instrument(type.getName(), ClassHeaderTest.classFile(type),
                MethodSelectorTest.covering(selector, type), getClass().getClassLoader());
        assertThat(woven).isNotNull();
        return registry;
    }

    @Test
    void anotherRetryOrATransactionOnAWovenMethodIsNamedInOneLineAndTheMethodIsWovenAllTheSame() throws Exception {
        ServiceRegistry registry = weave(AnnotatedClients.class);

        assertThat(agentLog.text().lines().filter(line -> line.startsWith("WARN")).toList()).containsExactly(
                "WARN  " + CLIENTS + ".springRetry() is also retried by spring-retry's @Retryable: the attempts multiply (each "
                        + "of its attempts runs all of the agent's) and the breaker counts every one; keep one of the two",
                "WARN  " + CLIENTS + ".resilience4jRetry() is also retried by resilience4j's @Retry: the attempts multiply (each "
                        + "of its attempts runs all of the agent's) and the breaker counts every one; keep one of the two",
                "WARN  " + CLIENTS + ".springTransaction() runs in a transaction (Spring's @Transactional), inside which the agent "
                        + "retries it: a failed attempt's work stays in the transaction, and one that a failure marked "
                        + "rollback-only fails at commit; protect the client method it calls instead",
                "WARN  " + CLIENTS + ".jakartaTransaction() runs in a transaction (@jakarta.transaction.Transactional), inside "
                        + "which the agent retries it: a failed attempt's work stays in the transaction, and one that a failure "
                        + "marked rollback-only fails at commit; protect the client method it calls instead");
        assertThat(registry.instrumentedMethods()).hasSize(5);
    }

    @Test
    void aTransactionOnTheClassCoversItsMethodsButStaticAndPrivateOnes() throws Exception {
        ServiceRegistry registry = weave(AnnotatedClients.TransactionalService.class);
        assertThat(registry.instrumentedMethods()).hasSize(3);

        assertThat(agentLog.text().lines().filter(line -> line.startsWith("WARN"))).singleElement().asString()
                .startsWith("WARN  " + AnnotatedClients.TransactionalService.class.getName()
                        + ".call() runs in a transaction (Spring's @Transactional)");
    }

    @Test
    void aClassWithoutThemGetsNoLine() throws Exception {
        weave(FlakyTarget.class);

        assertThat(agentLog.text()).doesNotContain("WARN");
    }
}
