package io.resilienceagent.launch;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;

/**
 * Defines the agent's own classes (config, policy, instrumentation, JMX, CLI and the shaded YAML and
 * ASM libraries) from the {@link AgentPack}, apart from the application: the system class loader, which
 * also sees the agent jar, finds nothing there but this launch package.
 *
 * <p>Two reasons. Isolation: no application class can load or clash with the agent's internals.
 * Start-up: through the system class loader each class of the jar costs a jar lookup, an inflate and a
 * few dozen cold Java frames (about 0.4 ms each before {@code main}); defined from one array read at
 * once they cost about a third of that.
 *
 * <p>The classes of the bootstrap layer (package {@code io.resilienceagent.bootstrap} and the open
 * exception) resolve to the copies the agent defines in the bootstrap class loader; this loader never
 * defines them itself, and serves their class files only as resources for that injection.
 *
 * <p>It asks no other loader's Java code for a class it can find without: its own classes come from the
 * pack, the JDK's bootstrap classes straight from the bootstrap class loader, and only a class of a
 * module of the platform loader (such as {@code java.net.http}) through the parent, the platform loader.
 * The JDK's built-in loaders share one method, {@code BuiltinClassLoader.loadClassOrNull}, with the
 * application's class path loader, which runs it for every class the application loads; once the JIT has
 * compiled it for that, an agent thread sending it down a branch the application never took (a class of
 * a named module, while the agent registers its MXBeans) throws the compiled code away, and the JIT
 * compiles it again, with what it inlines (470 ms of compiler time in one run of the large-application
 * benchmark's generated app; BENCHMARKS.md).
 *
 * <p>The pack (about 1.3 MB) stays on the heap for the JVM's lifetime. Packed resources are served
 * through {@link #getResourceAsStream} only; {@code getResource} finds none, as nothing in the agent asks
 * for a URL. One more resource is made up here: {@value AgentPack#FINGERPRINT_RESOURCE}, the pack's
 * fingerprint.
 */
final class AgentClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final String LAUNCH_PACKAGE = "io.resilienceagent.launch.";
    private static final String ATTACH_API = "com.sun.tools.attach.";

    private final AgentPack pack;
    private final ProtectionDomain domain;

    AgentClassLoader(AgentPack pack, CodeSource source, ClassLoader parent) {
        super("resilience-agent", parent);
        this.pack = pack;
        this.domain = new ProtectionDomain(source == null ? new CodeSource(null, (Certificate[]) null) : source,
                null, this, null);
    }

    /** True for the classes that must live in the bootstrap class loader, where every class loader sees them. */
    static boolean isBootstrapClass(String className) {
        return className.startsWith("io.resilienceagent.bootstrap.")
                || className.equals("io.resilienceagent.CircuitBreakerOpenException");
    }

    /**
     * One of the agent's classes from the pack, without asking the parent first (no other loader defines
     * the agent's packages); any other class from the bootstrap class loader, else the parent. The launch package
     * ({@link AgentMain}, {@link AgentEntry}) is the one the system class loader defines; the attach API
     * ({@code jdk.attach}, used by the command line) is visible only from it too.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(LAUNCH_PACKAGE) || name.startsWith(ATTACH_API)) {
            return AgentClassLoader.class.getClassLoader().loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = definePacked(name);
            }
            if (type == null) {
                type = bootstrapOrParent(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (isBootstrapClass(name)) {
            throw new ClassNotFoundException(name + " is defined in the bootstrap class loader only");
        }
        Class<?> type = definePacked(name);
        if (type == null) {
            throw new ClassNotFoundException(name);
        }
        return type;
    }

    /** The class defined from the pack; null for a bootstrap-layer class or one the pack does not hold. */
    private Class<?> definePacked(String name) {
        if (isBootstrapClass(name)) {
            return null;
        }
        AgentPack.Entry entry = pack.find(name.replace('.', '/').concat(".class"));
        if (entry == null) {
            return null;
        }
        try {
            return defineClass(name, pack.data(), entry.offset(), entry.length(), domain);
        } catch (LinkageError e) {
            // a transformer called while the class was being defined loaded the same class through this loader
            // (the Datadog agent does, for a class of the agent it instruments): that definition stands
            Class<?> defined = findLoadedClass(name);
            if (defined != null) {
                return defined;
            }
            throw e;
        }
    }

    /**
     * A class of the bootstrap class loader, found by the JVM without running a loader's Java code; else
     * the parent's: a class of a platform module, such as the {@code java.sql} date types SnakeYAML
     * refers to, loaded while the config is read, before the application loads its classes.
     */
    private Class<?> bootstrapOrParent(String name) throws ClassNotFoundException {
        try {
            return bootstrapOrParentAsCalled(name);
        } catch (SecurityException denied) {
            return bootstrapOrParentPrivileged(name);
        }
    }

    private Class<?> bootstrapOrParentAsCalled(String name) throws ClassNotFoundException {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException notBootstrap) {
            return getParent().loadClass(name);
        }
    }

    /**
     * The same under a security manager (Java 17) that denies the application's code what looking up a
     * bootstrap class asks ({@code getClassLoader}): the agent's classes load lazily, on a protected call,
     * with the application's frames on the stack, so the lookup runs with the agent jar's own permissions
     * (a policy grants the jar {@code AllPermission}).
     */
    @SuppressWarnings("removal") // AccessController goes with the security manager
    private Class<?> bootstrapOrParentPrivileged(String name) throws ClassNotFoundException {
        try {
            return java.security.AccessController.doPrivileged(new java.security.PrivilegedExceptionAction<Class<?>>() {
                @Override
                public Class<?> run() throws ClassNotFoundException {
                    return bootstrapOrParentAsCalled(name);
                }
            });
        } catch (java.security.PrivilegedActionException e) {
            throw (ClassNotFoundException) e.getException();
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        if (path.equals(AgentPack.FINGERPRINT_RESOURCE)) {
            return new ByteArrayInputStream(pack.fingerprint().getBytes(StandardCharsets.US_ASCII));
        }
        AgentPack.Entry entry = pack.find(path);
        if (entry != null) {
            return new ByteArrayInputStream(pack.data(), entry.offset(), entry.length());
        }
        return super.getResourceAsStream(name);
    }
}
