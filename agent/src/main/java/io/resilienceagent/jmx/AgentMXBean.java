package io.resilienceagent.jmx;

import java.util.List;

/** The agent itself: {@code io.resilienceagent:type=Agent}. */
public interface AgentMXBean {
    /** The agent's version. */
    String getVersion();

    /** The absolute path of the config file in force. */
    String getConfigPath();

    /** The service names of the running config, in config file order. */
    List<String> getServices();

    /** Each {@code pkg.Class.method(params)} transformed so far. */
    List<String> getInstrumentedMethods();

    /** The method patterns that have matched no transformed method yet. */
    List<String> getUnmatchedPatterns();

    /** The problems of the last refused reload; empty after a good reload (and before any). */
    String getLastReloadError();

    /** Reloads the config file now, watched or not: returns {@code OK} (also for an unchanged file) or the problems. */
    String reload();
}
