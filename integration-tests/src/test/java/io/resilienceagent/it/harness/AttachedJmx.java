package io.resilienceagent.it.harness;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.time.Duration;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to another JVM, from outside it, the way JConsole or VisualVM get one for a local
 * process: the attach API ({@code VirtualMachine.attach(pid)}), {@code startLocalManagementAgent()} for
 * the loopback connector address, then {@link JMXConnectorFactory#connect}. The target JVM needs no
 * flags.
 */
public final class AttachedJmx implements AutoCloseable {
    public static final String DOMAIN = "io.resilienceagent";

    private final String address;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    private AttachedJmx(String address, JMXConnector connector) throws IOException {
        this.address = address;
        this.connector = connector;
        this.connection = connector.getMBeanServerConnection();
    }

    /** Attaches to the JVM with this pid and connects to its platform MBean server. */
    public static AttachedJmx attach(long pid) {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            throw new AssertionError("could not attach to pid " + pid + " and start its local management agent", e);
        }
        try {
            return new AttachedJmx(address, JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } catch (IOException e) {
            throw new AssertionError("could not connect to " + address, e);
        }
    }

    /** The loopback connector address the attach API returned. */
    public String address() {
        return address;
    }

    public MBeanServerConnection connection() {
        return connection;
    }

    /** {@code io.resilienceagent:type=CircuitBreaker,name=<service>}. */
    public static ObjectName breaker(String service) {
        return name(DOMAIN + ":type=CircuitBreaker,name=" + service);
    }

    /** {@code io.resilienceagent:type=Agent}. */
    public static ObjectName agent() {
        return name(DOMAIN + ":type=Agent");
    }

    public static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** Waits until the MBean is registered: the agent registers its MXBeans shortly after start-up. */
    public AttachedJmx awaitRegistered(ObjectName name, Duration timeout) {
        LiveChildJvm.await(name + " registered", timeout, () -> {
            try {
                return connection.isRegistered(name);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        return this;
    }

    public Object get(ObjectName name, String attribute) {
        try {
            return connection.getAttribute(name, attribute);
        } catch (JMException | IOException e) {
            throw new AssertionError("could not read " + name + " " + attribute, e);
        }
    }

    /** Invokes a no-argument operation and returns its result. */
    public Object invoke(ObjectName name, String operation) {
        try {
            return connection.invoke(name, operation, new Object[0], new String[0]);
        } catch (JMException | IOException e) {
            throw new AssertionError("could not invoke " + name + " " + operation, e);
        }
    }

    /** Waits until {@code attribute} reads {@code expected}, reading it every 20 ms. */
    public void awaitAttribute(ObjectName name, String attribute, Object expected, Duration timeout) {
        LiveChildJvm.await(name + " " + attribute + " = " + expected, timeout, () -> expected.equals(get(name, attribute)));
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the child may be gone already
        }
    }
}
