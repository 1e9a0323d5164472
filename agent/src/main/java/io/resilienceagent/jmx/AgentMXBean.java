package io.resilienceagent.jmx;

import java.util.List;

/** The agent itself: {@code io.resilienceagent:type=Agent}. */
public interface AgentMXBean {
    /** The agent's version. */
    String getVersion();

    /** The absolute path of the config file in force. */
    String getConfigPath();

    /** The service names, in config file order. */
    List<String> getServices();

    /** Each {@code pkg.Class.method(params)} transformed so far. */
    List<String> getInstrumentedMethods();

    /** The method patterns that have matched no transformed method yet. */
    List<String> getUnmatchedPatterns();
}
