package io.resilienceagent.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ObjectName;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breaker MXBeans as JConsole or VisualVM see them: from outside the child JVM, through a JMX
 * connection obtained with the attach API ({@code startLocalManagementAgent()}, no JMX flags on the
 * child). The test JVM (Java 17) attaches to children on Java 17 and Java 25.
 */
class JmxAttachTest extends WireMockTestBase {
    private static final Duration REGISTRATION = Duration.ofSeconds(20);
    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(15);
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";

    @TempDir
    Path dir;

    @JdkTest
    void everyAttributeAndTheStateWalkAndOperations(Jdk jdk) {
        wireMock.stubFor(any(urlPathEqualTo("/api")).willReturn(status(500)));
        wireMock.stubFor(any(urlPathEqualTo("/ops")).willReturn(ok("fine")));
        Path config = ResilienceYaml.create()
                .service("svc",
                        "retry: { maxAttempts: 2, minWait: 10ms, maxWait: 10ms }",
                        "circuitBreaker: { failureThreshold: 4, recoveryTimeout: 1s, successThreshold: 2 }")
                .service("ops",
                        "retry: { maxAttempts: 1 }",
                        "circuitBreaker: { recoveryTimeout: 60s }")
                .method("com.example.app.ApiClient.get(java.lang.String)", "svc")
                .method("com.example.app.ApiClient.alpha", "ops")
                .writeTo(dir);
        long before = System.currentTimeMillis();

        try (LiveChildJvm child = LiveChildJvm.start(ChildJvm.on(jdk).withConfig(config).main(InteractiveApp.class, baseUrl()));
                AttachedJmx jmx = AttachedJmx.attach(child.pid())) {
            ObjectName svc = AttachedJmx.breaker("svc");
            ObjectName ops = AttachedJmx.breaker("ops");
            jmx.awaitRegistered(AttachedJmx.agent(), REGISTRATION).awaitRegistered(svc, REGISTRATION).awaitRegistered(ops, REGISTRATION);
            assertThat(jmx.address()).as("a loopback connector").contains("127.0.0.1");

            // the MXBean's shape: every documented attribute with its open type, and the two operations
            MBeanInfo info = info(jmx, svc);
            assertThat(Arrays.stream(info.getAttributes())
                    .collect(Collectors.toMap(MBeanAttributeInfo::getName, MBeanAttributeInfo::getType)))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "State", "java.lang.String",
                            "StateCode", "int",
                            "FailureCount", "int",
                            "SuccessCount", "int",
                            "TotalCalls", "long",
                            "TotalFailures", "long",
                            "TotalRetries", "long",
                            "TotalRejected", "long",
                            "TotalRetriesDenied", "long",
                            "LastStateChangeMillis", "long"));
            assertThat(Arrays.stream(info.getAttributes()).filter(a -> a.isWritable())).as("read-only").isEmpty();
            assertThat(Arrays.stream(info.getOperations()).map(o -> o.getName() + "():" + o.getReturnType()))
                    .containsExactlyInAnyOrder("reset():void", "forceOpen():void");
            assertThat(Arrays.stream(info.getOperations()).map(MBeanOperationInfo::getSignature))
                    .allSatisfy(signature -> assertThat(signature).isEmpty());

            // at start: every attribute read, all counters zero, last change = creation time
            Map<String, Object> start = attributes(jmx, svc);
            long created = (Long) start.get("LastStateChangeMillis");
            assertThat(created).as(child::describe).isBetween(before, System.currentTimeMillis());
            assertThat(start).containsExactlyEntriesOf(expected("CLOSED", 0, 0, 0, 0, 0, 0, 0, created));

            // two failing attempts (500, retried once): still CLOSED
            CallResult call1 = child.call("get /api");
            assertThat(call1.value()).as(child::describe).isEqualTo("500");
            assertThat(call1.attempts()).isEqualTo(2);
            assertThat(attributes(jmx, svc)).containsExactlyEntriesOf(expected("CLOSED", 0, 2, 0, 2, 2, 1, 0, created));

            // two more: the fourth consecutive failure opens the breaker
            CallResult call2 = child.call("get /api");
            assertThat(call2.value()).as(child::describe).isEqualTo("500");
            assertThat(call2.attempts()).isEqualTo(2);
            Map<String, Object> opened = attributes(jmx, svc);
            long openedAt = (Long) opened.get("LastStateChangeMillis");
            assertThat(openedAt).isGreaterThanOrEqualTo(created);
            assertThat(opened).containsExactlyEntriesOf(expected("OPEN", 1, 4, 0, 4, 4, 2, 0, openedAt));
            assertThat(requests("/api")).isEqualTo(4);

            // OPEN: the next call is rejected without reaching the server, and is not retried
            CallResult rejected = child.call("get /api");
            assertRejected(child, rejected, "svc");
            assertThat(requests("/api")).isEqualTo(4);
            assertThat(attributes(jmx, svc)).containsExactlyEntriesOf(expected("OPEN", 1, 4, 0, 5, 4, 2, 1, openedAt));

            // the server recovers; after recoveryTimeout a read of State moves the breaker to HALF_OPEN
            wireMock.stubFor(any(urlPathEqualTo("/api")).willReturn(ok("back")));
            jmx.awaitAttribute(svc, "State", "HALF_OPEN", RECOVERY_DEADLINE);
            Map<String, Object> halfOpen = attributes(jmx, svc);
            long halfOpenedAt = (Long) halfOpen.get("LastStateChangeMillis");
            assertThat(halfOpenedAt).isGreaterThanOrEqualTo(openedAt + 1000);
            assertThat(halfOpen).containsExactlyEntriesOf(expected("HALF_OPEN", 2, 4, 0, 5, 4, 2, 1, halfOpenedAt));

            // two good trial calls close it
            assertThat(child.call("get /api").value()).as(child::describe).isEqualTo("200");
            assertThat(attributes(jmx, svc)).containsExactlyEntriesOf(expected("HALF_OPEN", 2, 4, 1, 6, 4, 2, 1, halfOpenedAt));
            assertThat(child.call("get /api").value()).as(child::describe).isEqualTo("200");
            Map<String, Object> closed = attributes(jmx, svc);
            long closedAt = (Long) closed.get("LastStateChangeMillis");
            assertThat(closedAt).isGreaterThanOrEqualTo(halfOpenedAt);
            assertThat(closed).containsExactlyEntriesOf(expected("CLOSED", 0, 0, 0, 7, 4, 2, 1, closedAt));
            assertThat(requests("/api")).isEqualTo(6);

            // forceOpen(): the next call is rejected, and the breaker recovers after recoveryTimeout as usual
            assertThat(jmx.invoke(svc, "forceOpen")).isNull();
            assertThat(jmx.get(svc, "State")).isEqualTo("OPEN");
            assertThat(jmx.get(svc, "StateCode")).isEqualTo(1);
            assertRejected(child, child.call("get /api"), "svc");
            assertThat(requests("/api")).as("forced open: nothing sent").isEqualTo(6);
            jmx.awaitAttribute(svc, "State", "HALF_OPEN", RECOVERY_DEADLINE);
            assertThat(child.call("get /api").value()).as(child::describe).isEqualTo("200");
            assertThat(requests("/api")).isEqualTo(7);

            // on a breaker with a long recovery timeout: forceOpen() rejects the next call, reset() lets the next one through
            assertThat(child.call("alpha /ops").value()).as(child::describe).isEqualTo("200");
            jmx.invoke(ops, "forceOpen");
            Map<String, Object> forced = attributes(jmx, ops);
            assertThat(forced).containsEntry("State", "OPEN").containsEntry("StateCode", 1);
            assertRejected(child, child.call("alpha /ops"), "ops");
            assertThat(requests("/ops")).isEqualTo(1);
            assertThat(jmx.get(ops, "State")).as("still OPEN: recoveryTimeout is 60 s").isEqualTo("OPEN");
            assertThat(jmx.invoke(ops, "reset")).isNull();
            Map<String, Object> reset = attributes(jmx, ops);
            assertThat(reset).containsExactlyEntriesOf(expected("CLOSED", 0, 0, 0, 2, 0, 0, 1, (Long) reset.get("LastStateChangeMillis")));
            assertThat((Long) reset.get("LastStateChangeMillis")).isGreaterThanOrEqualTo((Long) forced.get("LastStateChangeMillis"));
            CallResult afterReset = child.call("alpha /ops");
            assertThat(afterReset.value()).as(child::describe).isEqualTo("200");
            assertThat(afterReset.attempts()).isEqualTo(1);
            assertThat(requests("/ops")).isEqualTo(2);
            assertThat(attributes(jmx, ops)).containsEntry("State", "CLOSED").containsEntry("TotalCalls", 3L);

            assertThat(child.caughtUp().agentLog()).as(child::describe).containsSubsequence(
                    "ERROR Circuit breaker for svc: CLOSED -> OPEN (failures: 4)",
                    "ERROR Circuit breaker open for svc",
                    "INFO  Circuit breaker for svc: OPEN -> HALF_OPEN",
                    "INFO  Circuit breaker for svc: HALF_OPEN -> CLOSED",
                    "WARN  Circuit breaker for svc: CLOSED -> OPEN (forced)",
                    "INFO  Circuit breaker for svc: OPEN -> HALF_OPEN",
                    "WARN  Circuit breaker for ops: CLOSED -> OPEN (forced)",
                    "ERROR Circuit breaker open for ops",
                    "INFO  Circuit breaker for ops: OPEN -> CLOSED (reset)");
        }
    }

    private static void assertRejected(LiveChildJvm child, CallResult call, String service) {
        assertThat(call.outcome()).as("call %d should be rejected%n%s", call.call(), child.describe()).isEqualTo("THROWN");
        assertThat(call.exceptionClass()).isEqualTo(OPEN_EXCEPTION);
        assertThat(call.message()).isEqualTo("Circuit breaker open for " + service);
        assertThat(call.attempts()).as("a rejected call never runs the method body").isZero();
    }

    private static MBeanInfo info(AttachedJmx jmx, ObjectName name) {
        try {
            return jmx.connection().getMBeanInfo(name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every attribute the MBean declares, read one by one, in the order the README lists them. */
    private static Map<String, Object> attributes(AttachedJmx jmx, ObjectName name) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : expected("CLOSED", 0, 0, 0, 0, 0, 0, 0, 0).keySet()) {
            values.put(attribute, jmx.get(name, attribute));
        }
        return values;
    }

    private static Map<String, Object> expected(String state, int stateCode, int failureCount, int successCount,
            long totalCalls, long totalFailures, long totalRetries, long totalRejected, long lastStateChangeMillis) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("State", state);
        values.put("StateCode", stateCode);
        values.put("FailureCount", failureCount);
        values.put("SuccessCount", successCount);
        values.put("TotalCalls", totalCalls);
        values.put("TotalFailures", totalFailures);
        values.put("TotalRetries", totalRetries);
        values.put("TotalRejected", totalRejected);
        values.put("LastStateChangeMillis", lastStateChangeMillis);
        return values;
    }
}
