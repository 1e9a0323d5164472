package com.example.app;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads the agent's MXBeans from inside a test application, as a monitoring tool in the same JVM would. */
final class AgentMBeans {
    static final String[] BREAKER_ATTRIBUTES = {"State", "FailureCount", "SuccessCount", "TotalCalls", "TotalFailures",
        "TotalRetries", "TotalRejected"};

    private AgentMBeans() {
    }

    /** Waits (at most 10 s) until the agent has registered the service's breaker MXBean; false if it never did. */
    static boolean awaitBreaker(String service) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = breakerName(service);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Waits (at most 60 s) until the service's breaker reads {@code state}. Reading State is what moves
     * an OPEN breaker whose recovery timeout has passed to HALF_OPEN, so this is also how a test waits
     * for the recovery timeout.
     */
    static void awaitState(String service, String state) throws Exception {
        if (!awaitBreaker(service)) {
            throw new IllegalStateException("no breaker MXBean for " + service);
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!state.equals(server.getAttribute(breakerName(service), "State"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " never reached " + state);
            }
            Thread.sleep(20);
        }
    }

    /** {@code JMX service=NAME State=... TotalCalls=...}, or {@code JMX service=NAME registered=false}. */
    static String breakerLine(String service) throws Exception {
        if (!awaitBreaker(service)) {
            return "JMX service=" + service + " registered=false";
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder line = new StringBuilder("JMX service=").append(service).append(" registered=true");
        for (String attribute : BREAKER_ATTRIBUTES) {
            line.append(' ').append(attribute).append('=').append(server.getAttribute(breakerName(service), attribute));
        }
        return line.toString();
    }

    static ObjectName breakerName(String service) throws Exception {
        return new ObjectName("io.resilienceagent:type=CircuitBreaker,name=" + service);
    }
}
