package io.resilienceagent.weaving;

import io.resilienceagent.config.MethodPattern;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What the agent needs to know of one declared method to decide whether to weave it: its name,
 * descriptor and access flags.
 */
record MethodInfo(String name, String descriptor, int access) {

    /**
     * The methods {@code type}, a loaded class the agent does not weave (a proxy, a hidden class), declares,
     * read by reflection, with their access flags as a class file has them (synthetic and bridge included).
     */
    static List<MethodInfo> declaredBy(Class<?> type) {
        List<MethodInfo> methods = new ArrayList<>();
        for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
            methods.add(new MethodInfo(method.getName(), Type.getMethodDescriptor(method),
                    method.getModifiers() & ~Opcodes.ACC_ABSTRACT | (method.isSynthetic() ? Opcodes.ACC_SYNTHETIC : 0)
                            | (method.isBridge() ? Opcodes.ACC_BRIDGE : 0)));
        }
        return methods;
    }

    /**
     * Whether the method has a body the agent may wrap: no constructors, abstract, native, bridge or
     * synthetic methods, and no lambda bodies, which Kotlin and Scala compile to methods that are not
     * marked synthetic ({@code lambda$...}, {@code fn$lambda$0}, {@code $anonfun$...}).
     */
    boolean isInstrumentable() {
        return !name.startsWith("<") && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE
                | Opcodes.ACC_SYNTHETIC)) == 0 && !isLambdaBody(name);
    }

    /** A lambda's body by its compiler's naming ({@link MethodPattern#namesLambdaBody}), or javac's deserializer of lambdas. */
    static boolean isLambdaBody(String name) {
        return MethodPattern.namesLambdaBody(name) || name.equals("$deserializeLambda$");
    }

    /** A Kotlin suspend function: its last parameter the continuation, its result {@code Object} (or the suspension marker). */
    boolean isKotlinSuspend() {
        return descriptor.endsWith("Lkotlin/coroutines/Continuation;)Ljava/lang/Object;");
    }

    /**
     * An override of {@code Object}'s {@code equals}, {@code hashCode}, {@code toString} or {@code finalize}:
     * never woven for a pattern whose method name has a wildcard, as collections, logging and frameworks
     * call them, and an OPEN breaker would make them throw; named exactly, they are.
     */
    boolean isObjectMethod() {
        return (access & Opcodes.ACC_STATIC) == 0 && switch (name) {
            case "equals" -> descriptor.equals("(Ljava/lang/Object;)Z");
            case "hashCode" -> descriptor.equals("()I");
            case "toString" -> descriptor.equals("()Ljava/lang/String;");
            case "finalize" -> descriptor.equals("()V");
            default -> false;
        };
    }

    boolean isStatic() {
        return (access & Opcodes.ACC_STATIC) != 0;
    }

    /** Parameter types as Java source names: {@code java.lang.String}, {@code int}, {@code byte[]}. */
    List<String> parameterTypeNames() {
        List<String> names = new ArrayList<>();
        for (Type type : Type.getArgumentTypes(descriptor)) {
            names.add(type.getClassName());
        }
        return names;
    }

    /** The key that tells this method from its overloads. */
    String key() {
        return name + descriptor;
    }
}
