package com.example.async;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads a service's breaker MXBean from inside the application, as a monitoring library in the same JVM
 * would: waits (at most 10 s) for the agent to register it, then puts its counters into {@code extra}.
 */
final class AgentCounters {
    private static final String[] COUNTERS = {"TotalCalls", "TotalRetries", "TotalFailures", "TotalRejected"};

    private AgentCounters() {
    }

    /** Puts {@code TotalCalls}, {@code TotalRetries}, {@code TotalFailures}, {@code TotalRejected}; returns the state. */
    static Object read(String service, Map<String, String> extra) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.resilienceagent:type=CircuitBreaker,name=" + service);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent never registered " + name);
            }
            Thread.sleep(20);
        }
        for (String counter : COUNTERS) {
            extra.put(counter, String.valueOf(server.getAttribute(name, counter)));
        }
        return server.getAttribute(name, "State");
    }
}
