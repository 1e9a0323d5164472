package io.resilienceagent.instrument;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.policy.ServiceRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rewrites the covered methods of one class so that each runs in the engine's attempt loop (see
 * {@link MethodWeaver}), binding each method to its service's guard under a fresh id.
 *
 * <p>Only method bodies change (no new members, no class-format changes), so the same rewrite serves
 * classes loaded before the agent (retransformation). The woven code references nothing but
 * {@code io.resilienceagent.bootstrap.Dispatcher}, which is on the bootstrap class path.
 */
final class ResilienceInstrumentation {
    private final ServiceRegistry registry;
    private final MethodSelector selector;

    ResilienceInstrumentation(ServiceRegistry registry, MethodSelector selector) {
        this.registry = registry;
        this.selector = selector;
    }

    /**
     * Rewrites {@code classFile}.
     *
     * @param className binary name, with dots
     * @return the new class file, or null when no declared method is covered
     */
    byte[] instrument(String className, byte[] classFile, ClassLoader loader, List<MethodMapping> covering) {
        List<MethodInfo> methods = ClassWeaver.methods(classFile);
        Map<String, Integer> ids = new HashMap<>();
        List<MethodMapping> matched = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        for (MethodInfo method : methods) {
            Optional<MethodMapping> mapping = MethodSelector.mappingFor(covering, method);
            if (mapping.isEmpty()) {
                continue;
            }
            int id = registry.bind(MethodSelector.displayName(className, method), mapping.get().service(), loader);
            ids.put(method.key(), id);
            matched.add(mapping.get());
            signatures.add(MethodSelector.signature(className, method));
        }
        if (ids.isEmpty()) {
            return null;
        }
        byte[] transformed = ClassWeaver.weave(classFile, methods, ids);
        // recorded only once the class is woven, so JMX never lists a method that runs unprotected
        for (int i = 0; i < matched.size(); i++) {
            selector.markMatched(matched.get(i));
            registry.recordInstrumented(signatures.get(i));
        }
        return transformed;
    }
}
