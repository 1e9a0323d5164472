package io.resilienceagent.weaving;

import java.util.List;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * The few facts the matcher needs of a class before deciding to weave it, read from its class file's
 * header with ASM's {@link ClassReader} (a pass over the constant pool, no class loading): its name,
 * access flags, superclass and interfaces.
 *
 * @param name internal name, slashes and {@code $} ({@code com/example/Outer$Inner})
 * @param superName internal name of the superclass, null for {@code java.lang.Object} and modules
 * @param interfaces internal names of the directly implemented interfaces
 */
record ClassHeader(String name, int access, String superName, List<String> interfaces) {

    boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    boolean isAbstractType() {
        return (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) != 0;
    }

    boolean isAnnotationOrModule() {
        return (access & (Opcodes.ACC_ANNOTATION | Opcodes.ACC_MODULE)) != 0;
    }

    /** Parses the header; empty for anything that is not a well-formed class file. */
    static Optional<ClassHeader> parse(byte[] bytes) {
        try {
            ClassReader reader = new ClassReader(bytes);
            return Optional.of(new ClassHeader(reader.getClassName(), reader.getAccess(), reader.getSuperName(),
                    List.of(reader.getInterfaces())));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
