package io.resilienceagent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the few classes that woven code calls visible from every class loader by defining them in
 * the bootstrap class loader, before any agent class that refers to them is linked. (The agent's own
 * class loader never defines them; it only serves their class files for this.)
 *
 * <p>The classes are defined directly (through {@code jdk.internal.misc.Unsafe}, exported to the agent
 * with {@link Instrumentation#redefineModule}) rather than by appending a jar to the bootstrap class
 * path, because an appended bootstrap path turns off class-data sharing for the application's classes
 * and makes the JVM print a warning. If that route is closed, the jar append is the fallback.
 */
final class BootstrapInjector {
    /** Every class of the bootstrap layer, dependencies first; a test checks the list is complete. */
    static final List<String> BOOTSTRAP_CLASSES = List.of(
            "io.resilienceagent.CircuitBreakerOpenException",
            "io.resilienceagent.bootstrap.CallHandler",
            "io.resilienceagent.bootstrap.Dispatcher");

    /** As in {@code AgentEntry}: JDK 18 and later reflect through method handles, whose first use is costly. */
    private static final boolean REFLECTION_IS_CHEAP = Runtime.version().feature() < 18;

    private BootstrapInjector() {
    }

    /** Returns false, after one line on stderr, if the agent cannot run at all. */
    static boolean inject(Instrumentation instrumentation) {
        try {
            defineInBootLoader(instrumentation);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError | IOException direct) {
            try {
                appendJarToBootstrapPath(instrumentation);
                return true;
            } catch (IOException | RuntimeException fallback) {
                System.err.println("ERROR resilience-agent cannot start, the application runs without it: " + fallback);
                return false;
            }
        }
    }

    private static void defineInBootLoader(Instrumentation instrumentation)
            throws ReflectiveOperationException, IOException {
        Module javaBase = Object.class.getModule();
        Module agent = BootstrapInjector.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(agent)), Map.of(),
                Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        if (REFLECTION_IS_CHEAP) {
            Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            Method defineClass = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            for (String name : BOOTSTRAP_CLASSES) {
                byte[] bytes = classBytes(name);
                defineClass.invoke(unsafe, name, bytes, 0, bytes.length, null, null);
            }
            return;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Object unsafe = lookup.findStatic(unsafeClass, "getUnsafe", MethodType.methodType(unsafeClass)).invoke();
            MethodHandle defineClass = lookup.findVirtual(unsafeClass, "defineClass", MethodType.methodType(Class.class,
                    String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class))
                    .bindTo(unsafe);
            for (String name : BOOTSTRAP_CLASSES) {
                byte[] bytes = classBytes(name);
                Class<?> defined = (Class<?>) defineClass.invokeExact(name, bytes, 0, bytes.length, (ClassLoader) null,
                        (ProtectionDomain) null);
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void appendJarToBootstrapPath(Instrumentation instrumentation) throws IOException {
        Path jar = Files.createTempFile("resilience-agent-bootstrap-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : BOOTSTRAP_CLASSES) {
                out.putNextEntry(new JarEntry(resourceName(name)));
                out.write(classBytes(name));
                out.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    private static byte[] classBytes(String className) throws IOException {
        try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resourceName(className))) {
            if (in == null) {
                throw new IOException("class file of " + className + " missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }

    private static String resourceName(String className) {
        return className.replace('.', '/') + ".class";
    }
}
