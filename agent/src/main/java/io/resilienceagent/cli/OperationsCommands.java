package io.resilienceagent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * The operator's commands on a running JVM that runs the agent: {@code status}, {@code reset},
 * {@code force-open} and {@code reload}, done through the agent's MXBeans as the JMX operations are.
 */
final class OperationsCommands {
    private static final String[] COUNTERS = {"TotalCalls", "TotalFailures", "TotalRetries", "TotalRejected",
            "TotalRetriesDenied", "FailureCount"};
    private static final String[] LABELS = {"calls", "failures", "retries", "rejected", "retriesDenied",
            "consecutiveFailures"};

    private OperationsCommands() {
    }

    /** One line per service: its name, state and counters. */
    static int status(String pid, PrintStream out) throws CliFailure {
        try (TargetJvm target = TargetJvm.attach(pid)) {
            MBeanServerConnection mbeans = target.mbeans();
            ObjectName agent = target.agentBean();
            for (String service : (String[]) mbeans.getAttribute(agent, "Services")) {
                out.println(statusLine(mbeans, breaker(mbeans, service, pid), service));
            }
            return Cli.OK;
        } catch (JMException | IOException e) {
            throw new CliFailure(Cli.INVALID, "cannot read the agent's MBeans in process " + pid + ": " + e.getMessage());
        }
    }

    /**
     * One service's line, its attributes read in one request, {@code TotalCalls} last: the counters only
     * grow, and every failure, retry or rejection is of a call counted before it, so under load the line
     * never shows more of them than calls.
     */
    static String statusLine(MBeanServerConnection mbeans, ObjectName breaker, String service) throws JMException, IOException {
        String[] names = new String[COUNTERS.length + 1];
        names[0] = "State";
        for (int i = 0; i < COUNTERS.length; i++) {
            names[COUNTERS.length - i] = COUNTERS[i]; // TotalCalls, first of COUNTERS, read last
        }
        Map<String, Object> values = new HashMap<>();
        for (Attribute attribute : mbeans.getAttributes(breaker, names).asList()) {
            values.put(attribute.getName(), attribute.getValue());
        }
        StringBuilder line = new StringBuilder(service).append(' ').append(values.get("State"));
        for (int i = 0; i < COUNTERS.length; i++) {
            line.append(' ').append(LABELS[i]).append('=').append(values.get(COUNTERS[i]));
        }
        return line.toString();
    }

    /** Runs the breaker operation {@code operation} ({@code reset} or {@code forceOpen}) and prints the state after it. */
    static int breakerOperation(String pid, String service, String operation, PrintStream out) throws CliFailure {
        try (TargetJvm target = TargetJvm.attach(pid)) {
            MBeanServerConnection mbeans = target.mbeans();
            target.agentBean();
            ObjectName breaker = breaker(mbeans, service, pid);
            mbeans.invoke(breaker, operation, null, null);
            out.println(service + " " + mbeans.getAttribute(breaker, "State"));
            return Cli.OK;
        } catch (JMException | IOException e) {
            throw new CliFailure(Cli.INVALID, "cannot " + operation + " " + service + " in process " + pid + ": " + e.getMessage());
        }
    }

    /** Reloads the config file now; prints {@code OK} or the problems. */
    static int reload(String pid, PrintStream out) throws CliFailure {
        try (TargetJvm target = TargetJvm.attach(pid)) {
            String result = (String) target.mbeans().invoke(target.agentBean(), "reload", null, null);
            out.println(result);
            return "OK".equals(result) ? Cli.OK : Cli.INVALID;
        } catch (JMException | IOException e) {
            throw new CliFailure(Cli.INVALID, "cannot reload the config in process " + pid + ": " + e.getMessage());
        }
    }

    private static ObjectName breaker(MBeanServerConnection mbeans, String service, String pid)
            throws JMException, IOException, CliFailure {
        ObjectName name = new ObjectName("io.resilienceagent:type=CircuitBreaker,name=" + quoteIfNeeded(service));
        if (!mbeans.isRegistered(name)) {
            List<String> known = new ArrayList<>(List.of((String[]) mbeans.getAttribute(new ObjectName(TargetJvm.AGENT_BEAN),
                    "Services")));
            throw new CliFailure(Cli.INVALID, "no service '" + service + "' in process " + pid + "; its services: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return name;
    }

    private static String quoteIfNeeded(String value) {
        for (char c : value.toCharArray()) {
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n' || c == '\\') {
                return ObjectName.quote(value);
            }
        }
        return value;
    }
}
