package io.resilienceagent.instrument;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.ServiceRegistry;
import java.util.Optional;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Records what was transformed (for JMX) and reports a class that could not be: it loads unchanged,
 * with one log line.
 */
final class TransformListener extends AgentBuilder.Listener.Adapter {
    private final MethodSelector selector;
    private final ServiceRegistry registry;

    TransformListener(MethodSelector selector, ServiceRegistry registry) {
        this.selector = selector;
        this.registry = registry;
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader classLoader, JavaModule module, boolean loaded,
            DynamicType dynamicType) {
        for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
            Optional<MethodMapping> mapping = selector.mappingFor(type, method);
            if (mapping.isPresent()) {
                selector.markMatched(mapping.get());
                registry.recordInstrumented(MethodSelector.signature(type, method));
                AgentLog.debug("Instrumented " + MethodSelector.signature(type, method) + " for " + mapping.get().service());
            }
        }
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
        AgentLog.warn("Could not instrument " + typeName + ", it runs unprotected: " + throwable);
    }
}
