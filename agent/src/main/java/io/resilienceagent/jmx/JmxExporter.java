package io.resilienceagent.jmx;

import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.ServiceGuard;
import io.resilienceagent.policy.ServiceRegistry;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers the agent's MXBeans in the platform MBean server, off the {@code premain} path, and keeps
 * the service beans in step with a reloaded config ({@link #sync}).
 *
 * <p>Touching the platform MBean server initialises {@code java.util.logging}; doing that before an
 * application server installs its own log manager (JBoss/WildFly, WebLogic: the system property
 * {@code java.util.logging.manager}) breaks the server. So registration runs on a daemon thread, one
 * second after start-up (setting up JMX costs a few hundred classes, which should not compete with the
 * application's own start; at once when the agent is attached to a running JVM), and when that property
 * is set it also waits until the named log manager class has been loaded (at most
 * {@value #MAX_WAIT_MILLIS} ms).
 */
public final class JmxExporter {
    static final String DOMAIN = "io.resilienceagent";
    private static final long MAX_WAIT_MILLIS = 60_000;
    private static final long POLL_MILLIS = 500;
    /** The delay after start-up before registering, when the agent starts with the JVM. */
    public static final long START_DELAY_MILLIS = 1_000;

    /** The server the beans went to, once registered; guarded by the class. */
    private static MBeanServer registeredIn;
    /** The services whose beans are registered; guarded by the class. */
    private static final Set<String> registered = new HashSet<>();

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
     * Starts registration in the background, after {@code delayMillis}.
     *
     * @param logManagerLoaded tells whether the configured {@code java.util.logging.manager} class has
     *     been loaded yet; only asked when that property is set
     */
    public static void registerLater(String version, AgentView view, ServiceRegistry registry,
            Supplier<Boolean> logManagerLoaded, long delayMillis) {
        Runnable registration = new Runnable() { // not a lambda: a lambda costs a generated class before main
            @Override
            public void run() {
                try {
                    waitForLogManager(logManagerLoaded, delayMillis);
                    register(ManagementFactory.getPlatformMBeanServer(), version, view, registry);
                } catch (RuntimeException | LinkageError e) {
                    // a security manager denying the platform MBean server, say: calls stay protected
                    AgentLog.warn("resilience-agent: the MXBeans could not be registered, JMX and the command line "
                            + "will not see this JVM's breakers: " + e);
                }
            }
        };
        Thread thread = new Thread(registration, "resilience-agent-jmx");
        thread.setDaemon(true);
        thread.start();
    }

    private static void waitForLogManager(Supplier<Boolean> logManagerLoaded, long delayMillis) {
        try {
            Thread.sleep(delayMillis);
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
    public static synchronized void register(MBeanServer server, String version, AgentView view, ServiceRegistry registry) {
        registeredIn = server;
        registered.clear();
        sync(registry);
        try {
            registerOne(server, agentName(), new AgentBean(version, view));
        } catch (JMException e) {
            AgentLog.warn("resilience-agent could not register an MXBean: " + e);
        }
    }

    /**
     * Registers the beans of services added by a reload and unregisters those of removed services; a
     * no-op until the first registration, which registers whatever services there are then.
     */
    public static synchronized void sync(ServiceRegistry registry) {
        if (registeredIn == null) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (ServiceGuard guard : registry.services()) {
            wanted.add(guard.name());
            if (registered.add(guard.name())) {
                try {
                    registerOne(registeredIn, breakerName(guard.name()), new CircuitBreakerBean(guard));
                } catch (JMException e) {
                    AgentLog.warn("resilience-agent could not register an MXBean: " + e);
                }
            }
        }
        for (String gone : new HashSet<>(registered)) {
            if (!wanted.contains(gone)) {
                registered.remove(gone);
                try {
                    ObjectName name = breakerName(gone);
                    if (registeredIn.isRegistered(name)) {
                        registeredIn.unregisterMBean(name);
                    }
                } catch (JMException e) {
                    AgentLog.warn("resilience-agent could not unregister an MXBean: " + e);
                }
            }
        }
    }

    private static void registerOne(MBeanServer server, ObjectName name, Object bean) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(bean, name);
        } catch (JMException | RuntimeException e) {
            AgentLog.warn("resilience-agent could not register an MXBean: " + e);
        }
    }
}
