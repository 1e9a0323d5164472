package io.resilienceagent.bench.noop;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;

/**
 * A Java agent that registers a retransformation-capable class-file transformer which changes nothing:
 * what the JVM itself charges for any such agent (module graph resolution at start, a copy of every
 * class file handed to Java). The large-application measurement runs it as the floor that no
 * transformer-based agent can go below.
 */
public final class NoopTransformerAgent {
    private NoopTransformerAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                    byte[] classFile) {
                return null;
            }
        }, true);
    }
}
