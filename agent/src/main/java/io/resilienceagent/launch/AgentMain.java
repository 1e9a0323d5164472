package io.resilienceagent.launch;

import java.lang.instrument.Instrumentation;

/**
 * The agent's start, as the launch package sees it. The start class, inside the agent's own class
 * loader, implements it and hands itself to {@link AgentEntry#register} when it is initialised, so
 * that {@link AgentEntry} calls it as an ordinary interface method: no reflection or method handle
 * before {@code main}, either of which costs milliseconds cold.
 */
public interface AgentMain {
    /**
     * Starts the agent once per JVM.
     *
     * @param arguments the text after {@code =} in {@code -javaagent:resilience-agent.jar=...}, or null
     * @param attached true when attached to a running JVM, which a bad config must never stop
     * @param startedNanos {@link System#nanoTime()} when the JVM called the agent, for the DEBUG timing line
     */
    void start(String arguments, Instrumentation instrumentation, boolean attached, long startedNanos);
}
