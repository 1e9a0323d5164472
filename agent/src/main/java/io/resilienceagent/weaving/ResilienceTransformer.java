package io.resilienceagent.weaving;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.JdkClasses;
import io.resilienceagent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's hook into class loading. Every class is first checked cheaply, by name and, where a
 * pattern could be inherited, by the names of the methods it declares
 * ({@link MethodSelector#mayCover}); only a class that passes is handed to the weaver, which asks which
 * mappings cover it. Whatever goes wrong while transforming, the class loads unchanged and one line is
 * logged: the agent never stops an application's class from loading.
 */
public final class ResilienceTransformer implements ClassFileTransformer {
    private static final String AGENT_ROOT = "io/resilienceagent/";
    /** How many times {@link #retransform} looks at the loaded classes at most. */
    static final int MAX_LOOKS = 5;
    /** The agent's own packages; other classes under {@code io.resilienceagent} are applications'. */
    private volatile Matching matching;
    private volatile Instrumentation jvm;

    /**
     * What decides and does the weaving: replaced as a whole by a reload that changes the patterns.
     *
     * @param weavesJdkHttpClient whether a pattern names the JDK's HTTP client, the one JDK class that may be woven
     */
    private record Matching(MethodSelector selector, ClassInstrumenter instrumenter, boolean weavesJdkHttpClient) {
    }

    public ResilienceTransformer(MethodSelector selector, ClassInstrumenter instrumenter) {
        use(selector, instrumenter);
    }

    /** Weaves by these patterns from now on (a reload); classes loaded already keep their code until retransformed. */
    public void use(MethodSelector selector) {
        use(selector, matching.instrumenter().with(selector));
    }

    private void use(MethodSelector selector, ClassInstrumenter instrumenter) {
        this.matching = new Matching(selector, instrumenter, selector.namesJdkHttpClient());
    }

    /**
     * The JVM's entry, for every class loaded. The whole check runs here, not in the overload without a
     * module, which calls this one: each of the two would be compiled by the JIT as the path every class
     * takes, and inlined once more into the JDK's caller.
     */
    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        Matching current = matching;
        if (internalName == null) {
            return null;
        }
        if (LoaderDelegation.isLoader(internalName)) {
            return delegatingLoader(internalName, classFile);
        }
        if (isIgnored(internalName) && !(current.weavesJdkHttpClient() && JdkClasses.isHttpClient(internalName))) {
            if (classBeingRedefined == null && JdkProxies.isProxyName(internalName)) {
                warnIfNamed(current, internalName, classFile);
            }
            return null;
        }
        try {
            byte[] woven;
            if (securityManagerInstalled()) {
                woven = weavePrivileged(current, internalName, classFile, loader);
            } else {
                if (!current.selector().mayCover(internalName, classFile, loader)) {
                    return null;
                }
                woven = current.instrumenter().instrumentAccepted(internalName, classFile, loader);
            }
            return woven == null || module == null || !module.isNamed() ? woven
                    : readingDispatcher(module, internalName, woven);
        } catch (Throwable t) {
            AgentLog.warn("Could not instrument " + internalName.replace('/', '.') + ", it runs unprotected: " + t);
            return null;
        }
    }

    /** {@link LoaderDelegation#delegating}, which never fails the class's definition. */
    private static byte[] delegatingLoader(String internalName, byte[] classFile) {
        try {
            return LoaderDelegation.delegating(internalName, classFile);
        } catch (Throwable t) {
            AgentLog.warn("Could not make class loader " + internalName.replace('/', '.') + " delegate the agent's classes, "
                    + "the methods of classes it loads run unprotected: " + t);
            return null;
        }
    }

    /** {@link JdkProxies#warnIfNamed}, which never fails the class's definition. */
    private static void warnIfNamed(Matching current, String internalName, byte[] classFile) {
        try {
            JdkProxies.warnIfNamed(current.selector(), internalName, classFile);
        } catch (RuntimeException | LinkageError e) {
            AgentLog.debug("Could not read the proxy class " + internalName + ": " + e);
        }
    }

    /** What {@link #transform} does with a class it does not ignore, for {@link #weavePrivileged}. */
    private static byte[] weave(Matching current, String internalName, byte[] classFile, ClassLoader loader) {
        return current.selector().mayCover(internalName, classFile, loader)
                ? current.instrumenter().instrumentAccepted(internalName, classFile, loader) : null;
    }

    @SuppressWarnings("removal") // the security manager, on Java 17 to 23
    private static boolean securityManagerInstalled() {
        return System.getSecurityManager() != null;
    }

    /**
     * {@link #weave} with the agent jar's own permissions: a class loads with the application's frames on
     * the stack, which a security manager may deny reading class files, the woven-class cache and the like.
     */
    @SuppressWarnings("removal")
    private static byte[] weavePrivileged(Matching current, String internalName, byte[] classFile, ClassLoader loader) {
        // a class, not a lambda: with a security manager from the command line this runs before main
        return java.security.AccessController.doPrivileged(new java.security.PrivilegedAction<byte[]>() {
            @Override
            public byte[] run() {
                return weave(current, internalName, classFile, loader);
            }
        });
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classFile) {
        return transform(null, loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }

    /**
     * {@code woven}, once its named module (the JDK's {@code java.net.http}) reads the bootstrap layer its
     * woven code calls and opens the class's package to the agent, which runs an async method again
     * through a method handle; null, and the class left as it is, when the module cannot be changed.
     */
    private byte[] readingDispatcher(Module module, String internalName, byte[] woven) {
        try {
            Module bootstrapLayer = Dispatcher.class.getModule();
            Module agent = ResilienceTransformer.class.getModule();
            String pkg = internalName.substring(0, Math.max(0, internalName.lastIndexOf('/'))).replace('/', '.');
            if (!module.canRead(bootstrapLayer) || !module.isOpen(pkg, agent)) {
                jvm.redefineModule(module, Set.of(bootstrapLayer), Map.of(), Map.of(pkg, Set.of(agent)), Set.of(), Map.of());
            }
            return woven;
        } catch (RuntimeException e) {
            AgentLog.warn("Could not instrument " + internalName.replace('/', '.') + ", it runs unprotected: its module "
                    + module.getName() + " cannot be made to read the agent's bootstrap classes: " + e);
            return null;
        }
    }

    /** The class file of a class loaded before the agent, read as a resource of its loader when needed. */
    private static final class ResourceBytes implements MethodSelector.ClassFileSource {
        private final Class<?> type;
        /** Whether the class file was wanted and its loader served none (one that defines classes from bytes). */
        private boolean unreadable;

        ResourceBytes(Class<?> type) {
            this.type = type;
        }

        @Override
        public byte[] bytes() {
            String resource = type.getName().replace('.', '/') + ".class";
            ClassLoader loader = type.getClassLoader();
            try (var in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            } catch (java.io.IOException | RuntimeException e) {
                // as unreadable
            }
            unreadable = true;
            return new byte[0];
        }
    }

    /**
     * Installs this transformer and retransforms covered classes that were loaded before it.
     *
     * @param appRunning whether the application's threads may be loading classes meanwhile (the agent was
     *     attached), so that the loaded classes are looked at again, as after a reload
     */
    public void install(Instrumentation jvm, boolean appRunning) {
        this.jvm = jvm;
        jvm.addTransformer(this, true);
        if (appRunning) {
            retransform(Set.of(), true);
        } else {
            retransformOnce(jvm.getAllLoadedClasses(), Set.of(), true);
        }
    }

    /**
     * Transforms again the loaded classes the patterns now cover, and those named in {@code alsoClasses}
     * (woven by earlier patterns, so that a removed pattern leaves its methods unwoven). A class whose
     * transformation began before the patterns changed, and that was defined only after the list of
     * loaded classes was taken, was decided by the earlier patterns: so the loaded classes are looked at
     * again, those not seen yet transformed likewise, until a look finds none new (at most
     * {@value #MAX_LOOKS} looks).
     */
    public void retransform(Set<String> alsoClasses) {
        retransform(alsoClasses, false);
    }

    /** @param withLoaders whether the module systems' class loaders are looked for too ({@link LoaderDelegation}), which a reload does not change */
    private void retransform(Set<String> alsoClasses, boolean withLoaders) {
        Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int look = 0; look < MAX_LOOKS; look++) {
            List<Class<?>> fresh = new ArrayList<>();
            for (Class<?> type : jvm.getAllLoadedClasses()) {
                if (seen.add(type)) {
                    fresh.add(type);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            retransformOnce(fresh.toArray(new Class<?>[0]), alsoClasses, withLoaders);
        }
    }

    private void retransformOnce(Class<?>[] loaded, Set<String> alsoClasses, boolean withLoaders) {
        if (withLoaders) {
            // a module system's class loader at once, before the slower look at the other classes: those it
            // loads meanwhile, and those it loaded before, can be woven only once it delegates
            for (Class<?> type : loaded) {
                if (LoaderDelegation.isLoaderClass(type.getName()) && jvm.isModifiableClass(type)) {
                    retransformOne(type);
                }
            }
        }
        List<Class<?>> loadedEarlier = new ArrayList<>();
        List<Class<?>> unweavable = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (type.isHidden() || java.lang.reflect.Proxy.isProxyClass(type)) {
                unweavable.add(type); // never woven, and first seen here when the agent was attached or reloaded
                continue;
            }
            // a class woven before is transformed again even when now ignored: the JDK's HTTP client once its
            // pattern is gone, so that it runs unwoven
            if (!type.isArray() && (alsoClasses.contains(type.getName()) || !isIgnoredLoaded(type.getName()) && isCovered(type))
                    && jvm.isModifiableClass(type)) {
                loadedEarlier.add(type);
            }
        }
        for (Class<?> type : loadedEarlier) {
            retransformOne(type);
        }
        // after the classes are woven: a Spring proxy of a bean they cover gets no line
        for (Class<?> type : unweavable) {
            warnIfUnweavable(type);
        }
    }

    /**
     * One WARN line for a hidden class (a lambda or method reference) or a JDK proxy, loaded already, that
     * implements an interface a pattern names ({@link Lambdas}, {@link JdkProxies}, which read a class's
     * methods only for such an interface, so the JDK's own are passed over cheaply).
     */
    private void warnIfUnweavable(Class<?> type) {
        try {
            if (type.isHidden()) {
                Lambdas.warnIfNamed(matching.selector(), type);
            } else {
                JdkProxies.warnIfNamed(matching.selector(), type);
            }
        } catch (RuntimeException | LinkageError e) {
            AgentLog.debug("Could not read the loaded class " + type.getName() + ": " + e);
        }
    }

    private void retransformOne(Class<?> type) {
        try {
            jvm.retransformClasses(type);
        } catch (Throwable t) {
            AgentLog.warn("Could not instrument " + type.getName() + ", it runs unprotected: " + t);
        }
    }

    private boolean isCovered(Class<?> type) {
        try {
            // a class whose file its loader does not serve, when the patterns need it to decide, is transformed
            // again all the same (the JVM hands the transformer its bytes, and the transformer decides), unless
            // it is a framework's generated proxy, which is never woven
            ResourceBytes classFile = new ResourceBytes(type);
            return !matching.selector().mappingsCovering(type.getName().replace('.', '/'), classFile, type.getClassLoader())
                    .isEmpty() || classFile.unreadable && !GeneratedProxies.isProxy(type);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * {@link #isIgnored} for the binary name of a loaded class. At start-up nearly all of the thousand or
     * so classes already loaded are the JDK's; they are passed over without copying their names.
     */
    private boolean isIgnoredLoaded(String binaryName) {
        if (JdkClasses.isJdk(binaryName)) {
            return !(matching.weavesJdkHttpClient() && JdkClasses.isHttpClient(binaryName.replace('.', '/')));
        }
        return isIgnored(binaryName.replace('.', '/'));
    }

    /**
     * The JDK, the agent, its shaded libraries and generated classes are never transformed (the proxies
     * of frameworks are told apart only once a class is found covered: {@link GeneratedProxies}).
     */
    static boolean isIgnored(String internalName) {
        if (JdkClasses.isJdkInternalName(internalName)
                || internalName.startsWith("net/bytebuddy/") || internalName.contains("$$Lambda")
                || JdkProxies.isProxyName(internalName)) {
            return true;
        }
        return internalName.startsWith(AGENT_ROOT);
    }
}
