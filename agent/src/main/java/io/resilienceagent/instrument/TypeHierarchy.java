package io.resilienceagent.instrument;

import io.resilienceagent.config.JdkClasses;
import io.resilienceagent.config.MethodMapping;
import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "which mappings does this class inherit from an interface or abstract class it extends?"
 * by reading supertypes' class-file headers as resources of the loading class loader, so no class is
 * loaded early. Answers are cached per class loader (held weakly) and per type name.
 */
final class TypeHierarchy {
    private static final BitSet NONE = new BitSet();
    private static final int MAX_DEPTH = 64;

    private final List<MethodMapping> mappings;
    private final Map<ClassLoader, Map<String, BitSet>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final Map<String, BitSet> bootLoaded = new ConcurrentHashMap<>();

    TypeHierarchy(List<MethodMapping> mappings) {
        this.mappings = mappings;
    }

    /** Indexes of the mappings whose pattern names an abstract supertype of {@code header}. Do not modify. */
    BitSet inherited(ClassHeader header, ClassLoader loader) {
        return inherited(header, loader, 0);
    }

    private BitSet inherited(ClassHeader header, ClassLoader loader, int depth) {
        BitSet result = NONE;
        if (header.superName() != null) {
            result = union(result, coverage(header.superName(), loader, depth + 1));
        }
        for (String type : header.interfaces()) {
            result = union(result, coverage(type, loader, depth + 1));
        }
        return result;
    }

    /** The mappings a supertype passes on: those naming it (when abstract) and those it inherits. */
    private BitSet coverage(String typeName, ClassLoader loader, int depth) {
        if (depth > MAX_DEPTH || isPlatformType(typeName)) {
            return NONE;
        }
        Map<String, BitSet> cache = loader == null ? bootLoaded : cacheOf(loader);
        BitSet cached = cache.get(typeName);
        if (cached != null) {
            return cached;
        }
        BitSet computed = compute(typeName, loader, depth);
        cache.put(typeName, computed);
        return computed;
    }

    /** Not {@code computeIfAbsent} with a lambda: this runs before {@code main}, where a lambda costs a generated class. */
    private Map<String, BitSet> cacheOf(ClassLoader loader) {
        Map<String, BitSet> cache = byLoader.get(loader);
        if (cache == null) {
            Map<String, BitSet> created = new ConcurrentHashMap<>();
            cache = byLoader.putIfAbsent(loader, created);
            if (cache == null) {
                cache = created;
            }
        }
        return cache;
    }

    private BitSet compute(String typeName, ClassLoader loader, int depth) {
        ClassHeader header = read(typeName, loader);
        if (header == null) {
            return NONE;
        }
        BitSet own = NONE;
        if (header.isAbstractType()) {
            for (int i = 0; i < mappings.size(); i++) {
                if (mappings.get(i).pattern().matchesClass(typeName)) {
                    own = own == NONE ? new BitSet() : own;
                    own.set(i);
                }
            }
        }
        return union(own, inherited(header, loader, depth));
    }

    private static ClassHeader read(String typeName, ClassLoader loader) {
        String resource = typeName.replace('.', '/') + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : ClassHeader.parse(in.readAllBytes()).orElse(null);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static BitSet union(BitSet a, BitSet b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        BitSet result = (BitSet) a.clone();
        result.or(b);
        return result;
    }

    /**
     * JDK types carry no application patterns, and walking them would read the JDK's class files; the
     * JDK's HTTP client is the one a pattern may name.
     */
    static boolean isPlatformType(String name) {
        return JdkClasses.isJdk(name) && !name.equals(JdkClasses.HTTP_CLIENT);
    }
}
