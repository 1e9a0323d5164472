package io.resilienceagent.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the few classes that woven code calls visible from every class loader by defining them in
 * the bootstrap class loader, before any agent class that refers to them is linked (the loaders of
 * module systems, which ask the bootstrap class loader only for what they are configured to, are woven
 * to ask it for these: {@code weaving.LoaderDelegation}). (The agent's own
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
            "io.resilienceagent.bootstrap.Replacement",
            "io.resilienceagent.bootstrap.CallHandler",
            "io.resilienceagent.bootstrap.Dispatcher");

    private BootstrapInjector() {
    }

    /** Returns false, after one line on stderr, if the agent cannot run at all. */
    static boolean inject(Instrumentation instrumentation) {
        try {
            defineInBootLoader(instrumentation);
            return true;
        } catch (RuntimeException | LinkageError | IOException direct) {
            try {
                appendJarToBootstrapPath(instrumentation);
                return true;
            } catch (IOException | RuntimeException fallback) {
                System.err.println("ERROR resilience-agent cannot start, the application runs without it: " + fallback);
                return false;
            }
        }
    }

    private static void defineInBootLoader(Instrumentation instrumentation) throws IOException {
        Module javaBase = Object.class.getModule();
        Module agent = BootstrapInjector.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(agent)), Map.of(),
                Set.of(), Map.of());
        for (String name : BOOTSTRAP_CLASSES) {
            try {
                UnsafeDefiner.defineInBootLoader(name, classBytes(name));
            } catch (LinkageError e) {
                // defined by an earlier start in this JVM (an attach after a start that stopped at its
                // config): in use as it is; appending the jar instead would only make the JVM warn
                if (!isInBootLoader(name)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isInBootLoader(String name) {
        try {
            return Class.forName(name, false, null) != null;
        } catch (ClassNotFoundException e) {
            return false;
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
