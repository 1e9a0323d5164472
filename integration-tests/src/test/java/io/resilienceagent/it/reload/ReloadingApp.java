package io.resilienceagent.it.reload;

import com.example.reload.ReloadApp;
import io.resilienceagent.it.harness.AttachedJmx;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.ObjectName;

/**
 * {@link ReloadApp} running under the agent with a config file the test rewrites, reached over JMX from
 * outside (attach API, no JMX flags): the fixture of the live-reload tests. It is ready once the agent
 * has registered its MXBeans, so every test starts from a running, observable agent.
 */
final class ReloadingApp implements AutoCloseable {
    /** How long a reload may take before a test gives up: well beyond the 3 s the README promises. */
    static final Duration RELOAD_DEADLINE = Duration.ofSeconds(10);
    static final String RELOADED = "INFO  Reloaded config ";
    static final String REFUSED = "ERROR Config reload refused, keeping the running config: ";

    final LiveChildJvm child;
    final AttachedJmx jmx;
    final Path config;

    private ReloadingApp(LiveChildJvm child, AttachedJmx jmx, Path config) {
        this.child = child;
        this.jmx = jmx;
        this.config = config;
    }

    /** Starts the app with {@code config=<config>} and any further agent arguments ({@code ",reload=off"}). */
    static ReloadingApp start(Jdk jdk, Path config, String moreAgentArgs) {
        LiveChildJvm child = LiveChildJvm.start(ChildJvm.on(jdk).withAgentArgs("config=" + config + moreAgentArgs)
                .main(ReloadApp.class));
        try {
            AttachedJmx jmx = AttachedJmx.attach(child.pid());
            jmx.awaitRegistered(AttachedJmx.agent(), Duration.ofSeconds(20));
            return new ReloadingApp(child, jmx, config);
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        }
    }

    static ReloadingApp start(Jdk jdk, Path config) {
        return start(jdk, config, "");
    }

    /** One call, {@code quote down} say, and what its caller saw. */
    CallResult call(String op, String mode) {
        return child.call(op + " " + mode);
    }

    /**
     * Replaces the config file in one step ({@link ResilienceYaml#replace}); returns the
     * {@link System#nanoTime()} just after. Files written in place are the subject of their own tests.
     */
    long rewrite(ResilienceYaml yaml) {
        return rewrite(yaml.text());
    }

    long rewrite(String text) {
        ResilienceYaml.replace(config, text);
        return System.nanoTime();
    }

    /**
     * The agent's log lines that start with {@code prefix} (a level and the start of a message), every
     * line it printed before this call included ({@link LiveChildJvm#caughtUp()}).
     */
    List<String> log(String prefix) {
        child.caughtUp();
        return logReadSoFar(prefix);
    }

    /** Waits until the agent has logged {@code count} lines starting with {@code prefix}; returns the time since {@code sinceNanos}. */
    Duration awaitLog(String prefix, int count, long sinceNanos) {
        return Poll.until(count + " log line(s) starting with '" + prefix + "'", RELOAD_DEADLINE, sinceNanos,
                () -> logReadSoFar(prefix).size() >= count, child::describe);
    }

    private List<String> logReadSoFar(String prefix) {
        return child.agentLog().stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The {@code Reloaded config} line for this file, with what changed: {@code (changed quotes)}. */
    String reloadedLine(String changes) {
        return RELOADED + config + " (" + changes + ")";
    }

    Object agent(String attribute) {
        return jmx.get(AttachedJmx.agent(), attribute);
    }

    Object breaker(String service, String attribute) {
        return jmx.get(AttachedJmx.breaker(service), attribute);
    }

    boolean registered(ObjectName name) {
        try {
            return jmx.connection().isRegistered(name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    String describe() {
        return child.describe();
    }

    @Override
    public void close() {
        jmx.close();
        child.close();
    }
}
