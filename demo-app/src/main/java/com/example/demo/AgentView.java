package com.example.demo;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the resilience agent, if one is attached, publishes about itself over JMX.
 *
 * <p>The demo has no compile-time link to the agent: it only looks up the agent's MBeans by name,
 * and answers "absent" when they are not registered (yet). Nothing is cached, so an agent that
 * registers its MBeans late is still seen.
 */
final class AgentView {

    private static final String AGENT = "io.resilienceagent:type=Agent";
    private static final String BREAKER = "io.resilienceagent:type=CircuitBreaker,name=";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /**
     * Whether the agent's MBean is registered, waiting up to {@code patience} for it when the JVM
     * was started with a {@code -javaagent} flag (an agent may register its MBeans after start-up).
     */
    boolean attached(Duration patience) throws InterruptedException {
        boolean agentFlag = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-javaagent:"));
        long deadline = System.nanoTime() + (agentFlag ? patience.toNanos() : 0);
        while (!attached() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return attached();
    }

    boolean attached() {
        return server.isRegistered(name(AGENT));
    }

    /** The service names the agent reports, comma-separated. */
    Optional<String> services() {
        return attribute(AGENT, "Services").map(AgentView::join);
    }

    /** The breaker's {@code State} for {@code service}, or {@code "n/a"} without an agent. */
    String breakerState(String service) {
        return breakerAttribute(service, "State").map(String::valueOf).orElse("n/a");
    }

    Optional<Object> breakerAttribute(String service, String attribute) {
        return attribute(BREAKER + service, attribute);
    }

    private Optional<Object> attribute(String objectName, String attribute) {
        try {
            return Optional.ofNullable(server.getAttribute(name(objectName), attribute));
        } catch (JMException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ObjectName name(String objectName) {
        try {
            return new ObjectName(objectName);
        } catch (JMException e) {
            throw new IllegalArgumentException(objectName, e);
        }
    }

    private static String join(Object value) {
        if (value instanceof Object[] array) {
            return String.join(", ", Arrays.stream(array).map(String::valueOf).toList());
        }
        if (value instanceof Collection<?> collection) {
            return String.join(", ", collection.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
