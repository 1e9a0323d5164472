package io.resilienceagent.jmx;

import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.ServiceGuard;
import io.resilienceagent.policy.ServiceRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers the agent's MXBeans in the platform MBean server, off the {@code premain} path.
 *
 * <p>Touching the platform MBean server initialises {@code java.util.logging}; doing that before an
 * application server installs its own log manager (JBoss/WildFly, WebLogic: the system property
 * {@code java.util.logging.manager}) breaks the server. So registration runs on a daemon thread, one
 * second after start-up (setting up JMX costs a few hundred classes, which should not compete with the
 * application's own start), and when that property is set it also waits until the named log manager
 * class has been loaded (at most {@value #MAX_WAIT_MILLIS} ms).
 */
public final class JmxExporter {
    static final String DOMAIN = "io.resilienceagent";
    private static final long MAX_WAIT_MILLIS = 60_000;
    private static final long POLL_MILLIS = 500;
    private static final long START_DELAY_MILLIS = 1_000;

    private JmxExporter() {
    }

    /** The name of a service's breaker MXBean; the service name is quoted when it needs to be. */
    public static ObjectName breakerName(String service) throws JMException {
        return new ObjectName(DOMAIN + ":type=CircuitBreaker,name=" + quoteIfNeeded(service));
    }

    /** The name of the agent MXBean. */
    public static ObjectName agentName() throws JMException {
        return new ObjectName(DOMAIN + ":type=Agent");
    }

    static String quoteIfNeeded(String value) {
        for (char c : value.toCharArray()) {
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n' || c == '\\') {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    /**
     * Starts registration in the background.
     *
     * @param logManagerLoaded tells whether the configured {@code java.util.logging.manager} class has
     *     been loaded yet; only asked when that property is set
     */
    public static void registerLater(String version, String configPath, ServiceRegistry registry,
            Supplier<List<String>> unmatchedPatterns, Supplier<Boolean> logManagerLoaded) {
        Runnable registration = new Runnable() { // not a lambda: a lambda costs a generated class before main
            @Override
            public void run() {
                waitForLogManager(logManagerLoaded);
                register(ManagementFactory.getPlatformMBeanServer(), version, configPath, registry, unmatchedPatterns);
            }
        };
        Thread thread = new Thread(registration, "resilience-agent-jmx");
        thread.setDaemon(true);
        thread.start();
    }

    private static void waitForLogManager(Supplier<Boolean> logManagerLoaded) {
        try {
            Thread.sleep(START_DELAY_MILLIS);
            if (System.getProperty("java.util.logging.manager") == null) {
                return;
            }
            long deadline = System.currentTimeMillis() + MAX_WAIT_MILLIS;
            while (!logManagerLoaded.get() && System.currentTimeMillis() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers every MXBean now; a bean that cannot be registered is logged and skipped. */
    public static void register(MBeanServer server, String version, String configPath, ServiceRegistry registry,
            Supplier<List<String>> unmatchedPatterns) {
        List<String> services = new ArrayList<>();
        for (ServiceGuard guard : registry.services()) {
            services.add(guard.name());
            registerOne(server, () -> breakerName(guard.name()), new CircuitBreakerBean(guard));
        }
        registerOne(server, JmxExporter::agentName,
                new AgentBean(version, configPath, services, registry::instrumentedMethods, unmatchedPatterns));
    }

    private static void registerOne(MBeanServer server, NameSupplier name, Object bean) {
        try {
            ObjectName objectName = name.get();
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
            server.registerMBean(bean, objectName);
        } catch (JMException | RuntimeException e) {
            AgentLog.warn("resilience-agent could not register an MXBean: " + e);
        }
    }

    @FunctionalInterface
    private interface NameSupplier {
        ObjectName get() throws JMException;
    }
}
