package io.resilienceagent.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A running JVM the command line works on, reached by its process id through the attach API, as the
 * user who runs it: no JMX port or flag is needed on the application. JMX goes through the JVM's local
 * connector, which attaching starts if the application has not.
 */
final class TargetJvm implements AutoCloseable {
    static final String AGENT_BEAN = "io.resilienceagent:type=Agent";
    static final String RUNNING_PROPERTY = "io.resilienceagent.running";

    private final String pid;
    private final VirtualMachine vm;
    private JMXConnector connector;

    private TargetJvm(String pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches to {@code pid}, or fails with a message saying why. */
    static TargetJvm attach(String pid) throws CliFailure {
        if (!pid.chars().allMatch(Character::isDigit) || pid.isEmpty()) {
            throw new CliFailure(Cli.USAGE, "'" + pid + "' is not a process id; find the application's with jps -l");
        }
        try {
            return new TargetJvm(pid, VirtualMachine.attach(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliFailure(Cli.INVALID, "cannot attach to process " + pid + ": " + e.getMessage()
                    + " (is it a running Java process of this user? find it with jps -l)");
        }
    }

    String pid() {
        return pid;
    }

    /** The config file of the agent running in the JVM, or null when the agent is not running there. */
    String runningAgentConfig() throws CliFailure {
        try {
            Properties properties = vm.getSystemProperties();
            return properties.getProperty(RUNNING_PROPERTY);
        } catch (IOException e) {
            throw new CliFailure(Cli.INVALID, "cannot read the system properties of process " + pid + ": " + e.getMessage());
        }
    }

    /** Loads the agent jar into the JVM with these agent arguments. */
    void loadAgent(String jar, String arguments) throws CliFailure {
        try {
            vm.loadAgent(jar, arguments);
        } catch (Exception e) {
            throw new CliFailure(Cli.INVALID, "loading the agent into process " + pid + " failed: " + e.getMessage());
        }
    }

    /** The JVM's MBeans, through its local JMX connector. */
    MBeanServerConnection mbeans() throws CliFailure {
        try {
            if (connector == null) {
                connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            }
            return connector.getMBeanServerConnection();
        } catch (IOException e) {
            throw new CliFailure(Cli.INVALID, "cannot reach the MBeans of process " + pid + ": " + e.getMessage());
        }
    }

    /** The agent's own MBean; fails, saying so, when the agent does not run in the JVM. */
    ObjectName agentBean() throws CliFailure {
        try {
            ObjectName name = new ObjectName(AGENT_BEAN);
            if (!mbeans().isRegistered(name)) {
                throw new CliFailure(Cli.INVALID, "resilience-agent is not running in process " + pid
                        + " (or started less than a second ago); attach it with: java -jar resilience-agent.jar attach "
                        + pid + " config=PATH");
            }
            return name;
        } catch (IOException | javax.management.MalformedObjectNameException e) {
            throw new CliFailure(Cli.INVALID, "cannot read the MBeans of process " + pid + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (connector != null) {
                connector.close();
            }
        } catch (IOException ignored) {
            // the process may be gone
        }
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the process may be gone
        }
    }
}
