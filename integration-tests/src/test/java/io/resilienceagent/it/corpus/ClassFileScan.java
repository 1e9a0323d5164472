package io.resilienceagent.it.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads compiled corpus classes with ASM for the methods the agent must never weave, named as its JMX
 * list names methods ({@code pkg.Class.method(java.lang.String,int)}):
 *
 * <ul>
 * <li>bridges and synthetic methods (flagged {@code ACC_BRIDGE} or {@code ACC_SYNTHETIC}: javac's
 * bridges and lambda bodies, Kotlin's {@code $default} stubs, accessors), less those whose name equals
 * a real method's: the JMX name has no return type, so a bridge {@code Object make(int)} beside the real
 * {@code Integer make(int)} cannot be told apart there;</li>
 * <li>lambda bodies: methods of the same class that an {@code invokedynamic} hands to
 * {@code LambdaMetafactory} and that a compiler generated ({@code lambda$...}, {@code fn$lambda$0} or
 * {@code $anonfun$...}), whether flagged synthetic (javac, Scala) or not (Kotlin 2's {@code private static final}).</li>
 * </ul>
 */
final class ClassFileScan {
    private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private final Set<String> bridgesAndSynthetics = new TreeSet<>();
    private final Set<String> realMethods = new TreeSet<>();
    private final Set<String> lambdaBodies = new TreeSet<>();

    /** Reads every class file under {@code classes}. */
    ClassFileScan add(Path classes) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                new ClassReader(Files.readAllBytes(file)).accept(new Visitor(),
                        ClassReader.SKIP_DEBUG);
            }
        }
        return this;
    }

    /** The bridge and synthetic methods (not constructors) read so far whose names no real method shares. */
    List<String> bridgesAndSynthetics() {
        Set<String> distinct = new TreeSet<>(bridgesAndSynthetics);
        distinct.removeAll(realMethods);
        return List.copyOf(distinct);
    }

    /** The compiler-generated lambda bodies read so far. */
    List<String> lambdaBodies() {
        return List.copyOf(lambdaBodies);
    }

    /** {@code pkg.Class.method(java.lang.String,int)}. */
    static String signature(String internalClassName, String method, String descriptor) {
        List<String> parameters = new ArrayList<>();
        for (Type type : Type.getArgumentTypes(descriptor)) {
            parameters.add(type.getClassName());
        }
        return internalClassName.replace('/', '.') + "." + method + "(" + String.join(",", parameters) + ")";
    }

    /** Sorts the methods of one class file into the scan's sets. */
    private final class Visitor extends ClassVisitor {
        private String owner;

        Visitor() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (!name.startsWith("<")) {
                boolean stub = (access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0;
                (stub ? bridgesAndSynthetics : realMethods).add(signature(owner, name, descriptor));
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap, Object... arguments) {
                    if (!bootstrap.getOwner().equals(LAMBDA_METAFACTORY)) {
                        return;
                    }
                    for (Object argument : arguments) {
                        if (argument instanceof Handle target && target.getOwner().equals(owner)
                                && (target.getName().startsWith("lambda$") || target.getName().contains("$lambda$")
                                        || target.getName().contains("$anonfun$"))) {
                            lambdaBodies.add(signature(owner, target.getName(), target.getDesc()));
                        }
                    }
                }
            };
        }
    }
}
