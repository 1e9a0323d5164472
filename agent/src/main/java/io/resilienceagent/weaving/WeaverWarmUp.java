package io.resilienceagent.weaving;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Loads and runs the weaver once on a class of the agent's own and throws the result away, so that the
 * first application class woven does not pay for loading ASM. A start-up optimisation only, run while
 * the config is read on another thread.
 */
public final class WeaverWarmUp {
    private WeaverWarmUp() {
    }

    /** Weaves one method of the agent's {@code AgentStart} class; the result is discarded. */
    public static void weaveSample() throws IOException {
        // the transformer asks this first for every class: loaded here, before the transformer is installed,
        // or its own definition would run the transformer, which would load it again inside that definition
        LoaderDelegation.isLoader("");
        byte[] sample;
        try (InputStream in = WeaverWarmUp.class.getResourceAsStream("/io/resilienceagent/startup/AgentStart.class")) {
            if (in == null) {
                return;
            }
            sample = in.readAllBytes();
        }
        for (MethodInfo method : ClassHeader.methods(sample)) {
            if (method.name().equals("start")) {
                ClassWeaver.weave(sample, Map.of(method.key(), 0));
                return;
            }
        }
    }
}
