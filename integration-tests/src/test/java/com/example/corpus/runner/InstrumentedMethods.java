package com.example.corpus.runner;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * Reads, from inside the application, the agent's own list of the methods it transformed
 * ({@code InstrumentedMethods} of {@code io.resilienceagent:type=Agent}). The agent registers that
 * MXBean on a thread of its own shortly after start-up, so this waits for its registration
 * notification rather than polling.
 */
final class InstrumentedMethods {
    private static final long REGISTRATION_TIMEOUT_SECONDS = 20;

    private InstrumentedMethods() {
    }

    static List<String> read() throws JMException, InterruptedException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.resilienceagent:type=Agent");
        CountDownLatch registered = new CountDownLatch(1);
        NotificationListener listener = (notification, handback) -> registered.countDown();
        NotificationFilter filter = notification -> notification instanceof MBeanServerNotification registration
                && MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(registration.getType())
                && agent.equals(registration.getMBeanName());
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, filter, null);
        try {
            if (!server.isRegistered(agent) && !registered.await(REGISTRATION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(agent + " was not registered within " + REGISTRATION_TIMEOUT_SECONDS + " s");
            }
        } finally {
            server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
        }
        return List.of((String[]) server.getAttribute(agent, "InstrumentedMethods"));
    }
}
