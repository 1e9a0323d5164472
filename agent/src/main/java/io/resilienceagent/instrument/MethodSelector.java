package io.resilienceagent.instrument;

import io.resilienceagent.config.MethodMapping;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Decides which classes and methods the {@code methods} section covers. A pattern covers a method of
 * the class it names, and of every class that implements or extends it when it names an interface or
 * an abstract class. Constructors, abstract, native, bridge and synthetic methods are never covered.
 * The first mapping in file order that covers a method decides its service.
 */
final class MethodSelector implements ElementMatcher<TypeDescription> {
    private static final int MAX_SUPERTYPES = 256;

    private final List<MethodMapping> mappings;
    private final Set<String> matchedPatterns = ConcurrentHashMap.newKeySet();

    MethodSelector(List<MethodMapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /** Type matcher: whether any method of {@code type} may be covered. */
    @Override
    public boolean matches(TypeDescription type) {
        if (type.isAnnotation()) {
            return false;
        }
        for (MethodMapping mapping : mappings) {
            if (coversType(mapping, type)) {
                return true;
            }
        }
        return false;
    }

    /** The mapping that covers {@code method} of {@code type}, if any. */
    Optional<MethodMapping> mappingFor(TypeDescription type, MethodDescription method) {
        if (!isInstrumentable(method)) {
            return Optional.empty();
        }
        List<String> parameterTypes = parameterTypeNames(method);
        for (MethodMapping mapping : mappings) {
            if (mapping.pattern().matchesMethod(method.getName(), parameterTypes) && coversType(mapping, type)) {
                return Optional.of(mapping);
            }
        }
        return Optional.empty();
    }

    /** Records that a pattern matched a transformed method. */
    void markMatched(MethodMapping mapping) {
        matchedPatterns.add(mapping.pattern().toString());
    }

    /** The patterns that have matched no transformed method yet, in file order. */
    List<String> unmatchedPatterns() {
        List<String> unmatched = new ArrayList<>();
        for (MethodMapping mapping : mappings) {
            String pattern = mapping.pattern().toString();
            if (!matchedPatterns.contains(pattern) && !unmatched.contains(pattern)) {
                unmatched.add(pattern);
            }
        }
        return unmatched;
    }

    static boolean isInstrumentable(MethodDescription method) {
        return method.isMethod() && !method.isAbstract() && !method.isNative() && !method.isBridge()
                && !method.isSynthetic();
    }

    /** {@code Class.method(java.lang.String,int)}, as JMX lists instrumented methods. */
    static String signature(TypeDescription type, MethodDescription method) {
        return type.getName() + "." + method.getName() + "(" + String.join(",", parameterTypeNames(method)) + ")";
    }

    /** {@code SimpleName.method}, as log lines name a method. */
    static String displayName(TypeDescription type, MethodDescription method) {
        String name = type.getName();
        String simple = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
        return simple + "." + method.getName();
    }

    static List<String> parameterTypeNames(MethodDescription method) {
        List<String> names = new ArrayList<>();
        for (TypeDescription parameter : method.getParameters().asTypeList().asErasures()) {
            names.add(parameter.getActualName());
        }
        return names;
    }

    private boolean coversType(MethodMapping mapping, TypeDescription type) {
        if (mapping.pattern().matchesClass(type.getName())) {
            return true;
        }
        return hasAbstractSupertypeMatching(mapping, type);
    }

    /** Walks superclasses and interfaces by name, resolving a supertype only when its name matches. */
    private static boolean hasAbstractSupertypeMatching(MethodMapping mapping, TypeDescription type) {
        Deque<TypeDefinition> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        enqueueSupertypes(type, queue);
        while (!queue.isEmpty() && seen.size() < MAX_SUPERTYPES) {
            TypeDescription next = queue.poll().asErasure();
            String name = next.getName();
            if (!seen.add(name) || name.equals("java.lang.Object")) {
                continue;
            }
            if (mapping.pattern().matchesClass(name) && (next.isInterface() || next.isAbstract())) {
                return true;
            }
            enqueueSupertypes(next, queue);
        }
        return false;
    }

    private static void enqueueSupertypes(TypeDefinition type, Deque<TypeDefinition> queue) {
        TypeDefinition superClass = type.getSuperClass();
        if (superClass != null) {
            queue.add(superClass);
        }
        queue.addAll(type.getInterfaces());
    }
}
