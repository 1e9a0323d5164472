package io.resilienceagent.bench.noop;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A Java agent that changes nothing, but rewrites with ASM the methods a file lists (one
 * {@code binary.class.Name#method} per line): a listed class goes through a {@code ClassReader} and a
 * {@code ClassWriter}, its listed methods decoded and encoded again instruction by instruction, its
 * other methods copied as they are. It finds them by the class's exact name in a hash map, analyses
 * nothing, checks nothing and adds no code: the least an ASM-based weaver does to rewrite those
 * methods' bodies, and so the floor under what the agent pays to weave them.
 *
 * <p>Agent argument: the file; with {@code ,report} appended, it prints {@code ASM_FLOOR_REWRITTEN n} (the
 * methods rewritten) when the JVM exits, so that the harness can check it rewrote what it should.
 */
public final class AsmFloorAgent {
    private static final String REPORT = ",report";

    private AsmFloorAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) throws IOException {
        boolean report = arguments.endsWith(REPORT);
        Path file = Path.of(report ? arguments.substring(0, arguments.length() - REPORT.length()) : arguments);
        Map<String, Set<String>> methods = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int hash = line.indexOf('#');
            if (hash < 0) {
                continue;
            }
            String className = line.substring(0, hash).replace('.', '/');
            Set<String> names = methods.get(className);
            if (names == null) {
                names = new HashSet<>();
                methods.put(className, names);
            }
            names.add(line.substring(hash + 1));
        }
        // as the agent's own warm-up does before main: ASM loaded and run once, so that only the rewrites count per class
        try (InputStream own = AsmFloorAgent.class.getResourceAsStream("AsmFloorAgent.class")) {
            rewrite(own.readAllBytes(), Set.of("premain"), new AtomicInteger());
        }
        AtomicInteger rewritten = new AtomicInteger();
        instrumentation.addTransformer(new ClassFileTransformer() {
            @Override
            public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                    byte[] classFile) {
                Set<String> names = className == null ? null : methods.get(className);
                return names == null ? null : rewrite(classFile, names, rewritten);
            }
        }, true);
        if (report) {
            Runtime.getRuntime().addShutdownHook(new Thread() {
                @Override
                public void run() {
                    System.out.println("ASM_FLOOR_REWRITTEN " + rewritten.get());
                }
            });
        }
    }

    static byte[] rewrite(byte[] classFile, Set<String> names, AtomicInteger rewritten) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!names.contains(name)) {
                    return target;
                }
                rewritten.incrementAndGet();
                // a visitor between reader and writer makes ASM decode and encode the method instead of copying it
                return new MethodVisitor(Opcodes.ASM9, target) {
                };
            }
        }, 0);
        return writer.toByteArray();
    }
}
