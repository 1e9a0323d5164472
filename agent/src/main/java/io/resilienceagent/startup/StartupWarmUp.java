package io.resilienceagent.startup;

import io.resilienceagent.weaving.WeaverWarmUp;
import java.util.List;

/**
 * A start-up optimisation only: while the config is read on another thread, it loads and initialises
 * the classes that installing the transformer and the first weave need, partly by weaving a class of
 * the agent itself and throwing the result away. Without it, that class loading would only start once
 * the config is read, and the first application class woven would pay for loading ASM.
 *
 * <p>Nothing here has an effect the agent depends on: the woven sample is thrown away (nothing is
 * transformed), and any failure is ignored (the real weave reports its own). It must run after the bootstrap classes are defined, since the
 * policy classes refer to them.
 */
final class StartupWarmUp {
    /**
     * Classes set up after the config is read; loading them here overlaps that with the config read.
     * {@code StartupWarmUpTest} checks that each still exists.
     */
    static final List<String> CLASSES = List.of(
            "io.resilienceagent.policy.ServiceRegistry",
            "io.resilienceagent.policy.ServiceGuard",
            "io.resilienceagent.policy.CircuitBreaker",
            "io.resilienceagent.policy.CallCounters",
            "io.resilienceagent.policy.MethodGuard",
            "io.resilienceagent.policy.ThreadCalls",
            "io.resilienceagent.policy.CallFrame",
            "io.resilienceagent.policy.ThreadCallCounts",
            "io.resilienceagent.policy.StatusReader",
            "io.resilienceagent.policy.RetryPolicy",
            "io.resilienceagent.policy.Backoff",
            "io.resilienceagent.policy.FailureClassifier",
            "io.resilienceagent.policy.TransitionLog",
            "io.resilienceagent.weaving.MethodSelector",
            "io.resilienceagent.weaving.MethodNameFilter",
            "io.resilienceagent.weaving.ResilienceTransformer",
            "io.resilienceagent.weaving.ClassInstrumenter",
            "io.resilienceagent.weaving.ClassHeader",
            "io.resilienceagent.weaving.TypeHierarchy",
            "io.resilienceagent.weaving.PatternIndex",
            "io.resilienceagent.weaving.NameTable",
            "io.resilienceagent.jmx.JmxExporter",
            "io.resilienceagent.reload.LiveConfig",
            "io.resilienceagent.log.AgentLog",
            "io.resilienceagent.config.AgentVersion");

    private StartupWarmUp() {
    }

    /** Loads what it can; never throws. */
    static void run() {
        try {
            WeaverWarmUp.weaveSample();
        } catch (Exception | LinkageError ignored) {
            // only a lost optimisation
        }
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (Exception | LinkageError ignored) {
                // only a lost optimisation, for this class alone
            }
        }
    }
}
