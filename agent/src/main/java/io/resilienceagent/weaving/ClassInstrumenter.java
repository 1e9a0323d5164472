package io.resilienceagent.weaving;

import io.resilienceagent.config.JdkClasses;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.AsyncSignature;
import io.resilienceagent.policy.ServiceGuard;
import io.resilienceagent.policy.ServiceRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Rewrites the covered methods of one class so that each runs in the engine's attempt loop (see
 * {@link MethodWeaver}), binding each method to its service's guard.
 *
 * <p>Only method bodies change (no new members, no class-format changes), so the same rewrite serves
 * classes loaded before the agent (retransformation). The woven code references nothing but
 * {@code io.resilienceagent.bootstrap.Dispatcher}, which is on the bootstrap class path; a class whose loader
 * does not see it is left as it is ({@link BootstrapVisibility}). A method that cannot be woven safely runs
 * unprotected, with one WARN line naming it; the others are woven.
 */
public final class ClassInstrumenter {
    private final ServiceRegistry registry;
    private final MethodSelector selector;
    private final WovenClassCache cache;
    private final BootstrapVisibility visibility;

    public ClassInstrumenter(ServiceRegistry registry, MethodSelector selector) {
        this(registry, selector, WovenClassCache.NONE);
    }

    /** @param cache where woven classes are kept from one start to the next ({@link WovenClassCache#NONE}: nowhere) */
    public ClassInstrumenter(ServiceRegistry registry, MethodSelector selector, WovenClassCache cache) {
        this(registry, selector, cache, new BootstrapVisibility());
    }

    private ClassInstrumenter(ServiceRegistry registry, MethodSelector selector, WovenClassCache cache,
            BootstrapVisibility visibility) {
        this.registry = registry;
        this.selector = selector;
        this.cache = cache;
        this.visibility = visibility;
    }

    /** The same, weaving by other patterns (a reload). */
    ClassInstrumenter with(MethodSelector otherSelector) {
        return new ClassInstrumenter(registry, otherSelector, cache, visibility);
    }

    /** How log lines name a method: {@code SimpleClassName.method}; the JDK's client as the {@code HttpClient} a pattern names. */
    private static String displayName(String className, MethodInfo method) {
        return JdkClasses.isHttpClient(className.replace('.', '/')) ? "HttpClient." + method.name()
                : MethodSelector.displayName(className, method);
    }

    /**
     * Rewrites {@code classFile} of a class {@link MethodSelector#mayCover} accepted, as the transformer
     * does; the mappings that cover it are found here.
     *
     * @param internalName the class's name as the JVM gives it, with slashes
     */
    byte[] instrumentAccepted(String internalName, byte[] classFile, ClassLoader loader) {
        return rewrite(internalName, classFile, null, loader);
    }

    /**
     * Rewrites {@code classFile}.
     *
     * @param className binary name, with dots
     * @param covering the mappings that cover the class
     * @param loader the class's loader, which tells what its methods' return types are
     * @return the new class file, or null when no declared method is covered or none could be woven
     */
    byte[] instrument(String className, byte[] classFile, List<MethodMapping> covering, ClassLoader loader) {
        return rewrite(className.replace('.', '/'), classFile, covering, loader);
    }

    /**
     * Both entries above, by the class's internal name. With {@code covering} null, the mappings are found
     * here: that work, done for few classes, is then compiled as part of this large method, which the JIT
     * does not inline, and not into the path every class takes.
     */
    private byte[] rewrite(String internalName, byte[] classFile, List<MethodMapping> covering, ClassLoader loader) {
        if (covering == null) {
            covering = selector.mappingsCovering(internalName, new MethodSelector.GivenBytes(classFile), loader);
            if (covering.isEmpty()) {
                return null;
            }
        }
        String className = internalName.replace('/', '.');
        if (GeneratedProxies.isProxy(internalName, classFile)) {
            AgentLog.debug("Not instrumenting " + className + ": a generated proxy, whose target class the patterns cover");
            return null;
        }
        if (isWovenAlready(classFile)) {
            // the woven bytes handed back (a redefinition with the bytes the JVM runs, which a tool read from it):
            // weaving them again would wrap the calls twice
            AgentLog.debug("Not instrumenting " + className + " again: its class file is woven already");
            return null;
        }
        List<MethodInfo> methods = ClassHeader.methods(classFile);
        Map<String, Integer> ids = new HashMap<>();
        Set<String> async = new HashSet<>();
        Map<String, MethodMapping> mappings = new HashMap<>();
        Map<String, MethodInfo> byKey = new HashMap<>();
        Boolean linkable = null; // asked at the first covered method
        for (MethodInfo method : methods) {
            Optional<MethodMapping> mapping = MethodSelector.mappingFor(covering, method);
            if (mapping.isEmpty()) {
                continue;
            }
            if (linkable == null) {
                linkable = visibility.sees(loader);
            }
            if (!linkable) {
                AgentLog.warn("Could not instrument " + MethodSelector.signature(className, method) + ", it runs unprotected: "
                        + BootstrapVisibility.reason(loader));
                continue;
            }
            if (method.isKotlinSuspend()) {
                AgentLog.warn("Could not instrument " + MethodSelector.signature(className, method) + ", it runs unprotected: "
                        + "it is a Kotlin suspend function, which returns when it suspends and is resumed through its "
                        + "continuation, so a retry would run its state machine again from the middle; protect the "
                        + "client method it awaits (or a blocking or CompletableFuture-returning one) instead");
                continue;
            }
            Type returnType = Type.getReturnType(method.descriptor());
            FutureTypes.Kind kind = returnType.getSort() == Type.OBJECT
                    ? FutureTypes.of(returnType.getInternalName(), loader) : FutureTypes.Kind.SYNC;
            if (kind == FutureTypes.Kind.UNBUILDABLE) {
                AgentLog.warn("Could not instrument " + MethodSelector.signature(className, method) + ", it runs unprotected: "
                        + "it returns " + returnType.getClassName() + ", a CompletionStage the agent cannot build or complete; "
                        + "protect a method declared to return CompletionStage or CompletableFuture (or a public "
                        + "CompletableFuture subclass with a public no-argument constructor)");
                continue;
            }
            if (kind == FutureTypes.Kind.DEFERRED) {
                AgentLog.warn("Could not instrument " + MethodSelector.signature(className, method) + ", it runs unprotected: "
                        + "it returns " + returnType.getClassName() + ", whose outcome comes after the method returns through "
                        + "a type the agent does not follow (it follows CompletionStage and CompletableFuture), so a call "
                        + "would count as a success as soon as it returned; protect the client method that makes the request "
                        + "and waits for it, or one returning CompletionStage or CompletableFuture");
                continue;
            }
            if (kind == FutureTypes.Kind.FUTURE) {
                AgentLog.warn(MethodSelector.signature(className, method) + " returns " + returnType.getClassName()
                        + ", a Future the agent does not follow (it follows CompletionStage and CompletableFuture): it is "
                        + "protected on what the method throws, and a failure its future carries later is neither retried "
                        + "nor counted; protect the client method that makes the request and waits for it, or one returning "
                        + "CompletionStage or CompletableFuture");
            }
            String singleUse = SingleUseCalls.reason(internalName, method);
            AsyncSignature signature = kind == FutureTypes.Kind.ASYNC ? new AsyncSignature(method.name(),
                    method.descriptor(), method.isStatic(), returnType.getClassName()) : null;
            int id = registry.bind(className + "." + method.key(), displayName(className, method),
                    mapping.get().service(), singleUse == null, signature);
            if (signature != null) {
                async.add(method.key());
            }
            if (singleUse != null) {
                AgentLog.warn(SingleUseCalls.warning(MethodSelector.signature(className, method), singleUse));
            }
            if (signature == null && hasAttemptTimeout(mapping.get().service())) {
                AgentLog.warn("retry.attemptTimeout of service " + mapping.get().service() + " does not apply to "
                        + MethodSelector.signature(className, method) + ": it is not async (it returns "
                        + returnType.getClassName() + "); a synchronous attempt runs until the call itself returns, "
                        + "so set the client's own timeout");
            }
            ids.put(method.key(), id);
            mappings.put(method.key(), mapping.get());
            byKey.put(method.key(), method);
        }
        if (ids.isEmpty()) {
            return null;
        }
        ClassWeaver.Result woven = cache.weave(internalName, classFile, ids, async);
        for (Map.Entry<String, String> skipped : woven.skipped().entrySet()) {
            AgentLog.warn("Could not instrument " + MethodSelector.signature(className, byKey.get(skipped.getKey()))
                    + ", it runs unprotected: " + skipped.getValue());
        }
        if (woven.classFile() == null) {
            return null;
        }
        // recorded only once the class is woven, so JMX never lists a method that runs unprotected
        List<String> wovenKeys = new ArrayList<>();
        for (MethodInfo method : methods) {
            if (ids.containsKey(method.key()) && !woven.skipped().containsKey(method.key())) {
                wovenKeys.add(method.key());
            }
        }
        Map<String, String> signatures = new LinkedHashMap<>();
        for (String key : wovenKeys) {
            selector.markMatched(mappings.get(key));
            signatures.put(key, MethodSelector.signature(className, byKey.get(key)));
            registry.recordInstrumented(className, signatures.get(key));
        }
        for (String warning : FrameworkAnnotations.warnings(classFile, signatures)) {
            AgentLog.warn(warning);
        }
        return woven.classFile();
    }

    private static final List<byte[]> DISPATCHER = List.of(MethodWeaver.DISPATCHER.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    /** Whether {@code classFile} refers to the agent's {@code Dispatcher}: a class the agent wove, as nothing else does. */
    static boolean isWovenAlready(byte[] classFile) {
        return ClassHeader.holdsText(classFile, DISPATCHER);
    }

    private boolean hasAttemptTimeout(String service) {
        Optional<ServiceGuard> guard = registry.service(service);
        return guard.isPresent() && guard.get().settings().retry().attemptTimeout().isPresent();
    }
}
