package io.resilienceagent.jmx;

import java.util.List;

/** What the agent MXBean shows and does, read live from the running agent (its config may be reloaded). */
public interface AgentView {
    /** The absolute path of the config file in force. */
    String configPath();

    /** The service names of the running config, in file order. */
    List<String> services();

    /** Each {@code pkg.Class.method(params)} transformed so far. */
    List<String> instrumentedMethods();

    /** The method patterns that have matched no transformed method yet. */
    List<String> unmatchedPatterns();

    /** The problems of the last refused reload; empty after a good one. */
    String lastReloadError();

    /** Reloads the config file now: {@code OK}, or the problems (the running config stays). */
    String reload();
}
