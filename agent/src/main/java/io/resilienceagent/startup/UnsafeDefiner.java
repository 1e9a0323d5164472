package io.resilienceagent.startup;

import java.security.ProtectionDomain;

/**
 * Defines a class in the bootstrap class loader through the JDK's internal {@code Unsafe}, called
 * directly (the agent module is compiled with {@code java.base/jdk.internal.misc} exported to it, and
 * {@link BootstrapInjector} exports that package to the agent at run time before this class links): no
 * reflection or method handle before {@code main}. A JDK without this method fails at link time, and the
 * injector falls back to appending a jar to the bootstrap class path.
 */
final class UnsafeDefiner {
    private UnsafeDefiner() {
    }

    static void defineInBootLoader(String name, byte[] classFile) {
        jdk.internal.misc.Unsafe.getUnsafe().defineClass(name, classFile, 0, classFile.length, null, (ProtectionDomain) null);
    }
}
