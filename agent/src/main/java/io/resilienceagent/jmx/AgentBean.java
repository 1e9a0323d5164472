package io.resilienceagent.jmx;

import java.util.List;

/** The agent MXBean over a live view of the running agent. */
final class AgentBean implements AgentMXBean {
    private final String version;
    private final AgentView view;

    AgentBean(String version, AgentView view) {
        this.version = version;
        this.view = view;
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getConfigPath() {
        return view.configPath();
    }

    @Override
    public List<String> getServices() {
        return view.services();
    }

    @Override
    public List<String> getInstrumentedMethods() {
        return view.instrumentedMethods();
    }

    @Override
    public List<String> getUnmatchedPatterns() {
        return view.unmatchedPatterns();
    }

    @Override
    public String getLastReloadError() {
        return view.lastReloadError();
    }

    @Override
    public String reload() {
        return view.reload();
    }
}
