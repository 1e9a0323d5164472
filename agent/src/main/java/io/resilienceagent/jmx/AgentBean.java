package io.resilienceagent.jmx;

import java.util.List;
import java.util.function.Supplier;

/** The agent MXBean over live views of the running agent. */
final class AgentBean implements AgentMXBean {
    private final String version;
    private final String configPath;
    private final List<String> services;
    private final Supplier<List<String>> instrumentedMethods;
    private final Supplier<List<String>> unmatchedPatterns;

    AgentBean(String version, String configPath, List<String> services, Supplier<List<String>> instrumentedMethods,
            Supplier<List<String>> unmatchedPatterns) {
        this.version = version;
        this.configPath = configPath;
        this.services = List.copyOf(services);
        this.instrumentedMethods = instrumentedMethods;
        this.unmatchedPatterns = unmatchedPatterns;
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getConfigPath() {
        return configPath;
    }

    @Override
    public List<String> getServices() {
        return services;
    }

    @Override
    public List<String> getInstrumentedMethods() {
        return instrumentedMethods.get();
    }

    @Override
    public List<String> getUnmatchedPatterns() {
        return unmatchedPatterns.get();
    }
}
