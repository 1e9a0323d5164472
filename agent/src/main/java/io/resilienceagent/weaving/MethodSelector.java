package io.resilienceagent.weaving;

import io.resilienceagent.config.JdkClasses;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which classes and methods the {@code methods} section covers. A pattern covers a method of
 * the class it names, and of every class that implements or extends it when it names an interface or
 * an abstract class. Constructors, abstract, native, bridge and synthetic methods are never covered
 * (see {@link MethodInfo#isInstrumentable()}).
 * The first mapping in file order that covers a method decides its service.
 */
public final class MethodSelector {
    private final List<MethodMapping> mappings;
    private final PatternIndex index;
    private final TypeHierarchy hierarchy;
    private final Set<String> matchedPatterns = ConcurrentHashMap.newKeySet();
    /** Interfaces whose JDK proxies or lambdas were warned about, each with the kind ({@link #firstUnweavableWarning}). */
    private final Set<String> unweavableWarnings = ConcurrentHashMap.newKeySet();
    /** Whether a method name is one some pattern's method part matches. */
    private final MethodNameFilter methodNames;
    /** Told of the lambdas and method references a class makes whose method a pattern's method part names. */
    private final Lambdas lambdas = new Lambdas(this);

    public MethodSelector(List<MethodMapping> mappings) {
        this.mappings = List.copyOf(mappings);
        this.index = new PatternIndex(this.mappings);
        this.hierarchy = new TypeHierarchy(index);
        List<String> methodParts = new ArrayList<>(this.mappings.size());
        for (MethodMapping mapping : this.mappings) {
            methodParts.add(mapping.pattern().methodGlob());
        }
        this.methodNames = new MethodNameFilter(methodParts);
    }

    /** Whether a pattern names the JDK's HTTP client ({@code java.net.http.HttpClient.send}). */
    boolean namesJdkHttpClient() {
        for (MethodMapping mapping : mappings) {
            if (mapping.pattern().classGlob().equals(JdkClasses.HTTP_CLIENT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first look at a class, and for most classes the only one: whether a mapping may cover it.
     * True when a pattern names the class; otherwise, where a class of {@code loader} could inherit a
     * mapping, when the class declares a method some pattern's method part names (tested on the bytes,
     * as in {@link #mappingsCovering}). A class it accepts is handed to
     * {@link ClassInstrumenter#instrumentAccepted}, whose large method asks {@link #mappingsCovering}: the
     * header, supertypes and mappings of the few classes that get that far are then read inside it, which
     * the JIT compiles on its own, and not inlined into this path, which it compiles for every class
     * (inlined there, they made each of its compilations several times larger; BENCHMARKS.md).
     */
    boolean mayCover(String internalName, byte[] classFile, ClassLoader loader) {
        return index.mappingsNaming(internalName).length > 0
                || hierarchy.inheritancePossible(loader, internalName)
                && ClassHeader.declaresMethodNamed(classFile, methodNames, internalName, lambdas);
    }

    /**
     * The patterns that name the type {@code internalName} itself (by its name, a wildcard's included) and
     * one of {@code methods}, which the type declares; empty when none does.
     */
    List<MethodMapping> mappingsNamingMethodOf(String internalName, List<MethodInfo> methods) {
        List<MethodMapping> naming = new ArrayList<>();
        for (MethodMapping mapping : mappingsAt(index.mappingsNaming(internalName))) {
            for (MethodInfo method : methods) {
                if (mappingFor(List.of(mapping), method).isPresent()) {
                    naming.add(mapping);
                    break;
                }
            }
        }
        return naming;
    }

    /** Whether {@code mapping}'s pattern has matched a method woven so far. */
    boolean hasMatched(MethodMapping mapping) {
        return matchedPatterns.contains(mapping.pattern().toString());
    }

    /**
     * Whether no line was written yet about implementations of the interface {@code internalName} of this
     * {@code kind} (proxies, lambdas) that the agent cannot weave: one line per interface, kind and
     * config; marks it.
     */
    boolean firstUnweavableWarning(String internalName, String kind) {
        return unweavableWarnings.add(kind + " " + internalName);
    }

    /** Whether a pattern names the type {@code internalName} itself (by its name, a wildcard's included). */
    boolean namesType(String internalName) {
        return index.mappingsNaming(internalName).length > 0;
    }

    /**
     * The pattern naming the interface {@code internalName} itself (by its name, a wildcard's included)
     * and its method {@code method} (name and parameter types), if any: for an implementation known only
     * by the interface and method it implements (a lambda, before its class exists).
     */
    Optional<MethodPattern> patternNaming(String internalName, MethodInfo method) {
        // no method reference: this may run before main, as the main class loads
        Optional<MethodMapping> mapping = mappingFor(mappingsAt(index.mappingsNaming(internalName)), method);
        return mapping.isPresent() ? Optional.of(mapping.get().pattern()) : Optional.empty();
    }

    /**
     * The mappings that cover the class, in file order; empty when it needs no transformation. Decided
     * from the class's name alone unless a class of {@code loader} could inherit a mapping; only then is
     * the class file read: first whether it declares a method some pattern's method part matches (a
     * class declaring none has nothing to weave, whatever it inherits), tested on the file's bytes; only
     * for a class that does, its header, and its supertypes (each read once per class loader). (In
     * a Spring Boot fat jar, reading the supertypes of every class for one wildcard pattern read a
     * thousand class files through its nested jars; and what runs for every class is kept small for the
     * JIT, which compiles it while the application starts.)
     *
     * @param classFile the class's bytes, read only when a class of {@code loader} could inherit a mapping
     */
    List<MethodMapping> mappingsCovering(String internalName, ClassFileSource classFile, ClassLoader loader) {
        int[] covering = index.mappingsNaming(internalName);
        if (hierarchy.inheritancePossible(loader, internalName)) {
            byte[] bytes = classFile.bytes();
            boolean declaresAPatternsMethod = ClassHeader.declaresMethodNamed(bytes, methodNames);
            if (!declaresAPatternsMethod && covering.length == 0) {
                return List.of();
            }
            ClassHeader header = ClassHeader.parse(bytes).orElse(null);
            if (header == null) {
                // no class file to read (a class loaded before the agent from bytes its loader does not
                // serve as a resource): what its name alone tells, as without such patterns
                return mappingsAt(covering);
            }
            if (header.isAnnotationOrModule()) {
                return List.of();
            }
            if (declaresAPatternsMethod) {
                covering = PatternIndex.union(covering, hierarchy.inherited(header, loader));
            }
        }
        return mappingsAt(covering);
    }

    private List<MethodMapping> mappingsAt(int[] covering) {
        if (covering.length == 0) {
            return List.of();
        }
        List<MethodMapping> result = new ArrayList<>(covering.length);
        for (int i : covering) {
            result.add(mappings.get(i));
        }
        return result;
    }

    /** A class file's bytes, read only if needed (from a resource, for a class loaded before the agent). */
    interface ClassFileSource {
        byte[] bytes();
    }

    /** The bytes the JVM hands the transformer. */
    record GivenBytes(byte[] bytes) implements ClassFileSource {
    }

    /** The first of {@code covering} that covers {@code method}, if any. */
    static Optional<MethodMapping> mappingFor(List<MethodMapping> covering, MethodInfo method) {
        if (!method.isInstrumentable()) {
            return Optional.empty();
        }
        List<String> parameterTypes = null; // decoded only for a pattern that lists parameter types
        for (MethodMapping mapping : covering) {
            MethodPattern pattern = mapping.pattern();
            if (!pattern.matchesMethodName(method.name()) || (pattern.methodGlob().indexOf('*') >= 0 && method.isObjectMethod())) {
                continue;
            }
            if (pattern.parameterTypes().isEmpty()) {
                return Optional.of(mapping);
            }
            if (parameterTypes == null) {
                parameterTypes = method.parameterTypeNames();
            }
            if (pattern.parameterTypes().get().equals(parameterTypes)) {
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
    public List<String> unmatchedPatterns() {
        List<String> unmatched = new ArrayList<>();
        for (MethodMapping mapping : mappings) {
            String pattern = mapping.pattern().toString();
            if (!matchedPatterns.contains(pattern) && !unmatched.contains(pattern)) {
                unmatched.add(pattern);
            }
        }
        return unmatched;
    }

    /** {@code pkg.Class.method(java.lang.String,int)}, as JMX lists instrumented methods. */
    static String signature(String className, MethodInfo method) {
        return className + "." + method.name() + "(" + String.join(",", method.parameterTypeNames()) + ")";
    }

    /**
     * {@code SimpleName.method}, as log lines name a method: a nested class by its own name, a Scala
     * object's class {@code Obj$} as {@code Obj}, an anonymous class as {@code Outer$1}.
     */
    static String displayName(String className, MethodInfo method) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int end = simple.length();
        while (end > 1 && simple.charAt(end - 1) == '$') {
            end--;
        }
        simple = simple.substring(0, end);
        int nested = simple.lastIndexOf('$');
        if (nested >= 0 && nested + 1 < simple.length() && Character.isJavaIdentifierStart(simple.charAt(nested + 1))) {
            simple = simple.substring(nested + 1);
        }
        return simple + "." + method.name();
    }
}
