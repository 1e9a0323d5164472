package io.resilienceagent.weaving;

import io.resilienceagent.config.JdkClasses;
import io.resilienceagent.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "which mappings does this class inherit from an interface or abstract class it extends?".
 * Supertypes are read as class-file resources of the loading class loader, so no class is loaded
 * early; what each type passes on is cached per class loader and type name, the loader held weakly:
 * what is kept for a collected loader goes at the next class load through another loader (decided by
 * the loader having been collected, not by when the JVM gets round to queueing its reference).
 *
 * <p>Reading supertypes is the costly part of matching (through a Spring Boot fat jar's nested jars
 * especially), so it is done only in a class loader where inheriting a mapping is possible at all:
 * where some pattern without wildcards names a type that this loader sees as an interface or abstract
 * class (one read per such pattern and loader), or where a pattern has a wildcard in its class part;
 * and only for a class that declares a method some pattern's method part names ({@link MethodSelector}).
 * With patterns that name concrete classes only (the usual config), no supertype is ever read.
 */
final class TypeHierarchy {
    private static final int MAX_DEPTH = 64;
    private static final int UNKNOWN = 0;
    private static final int POSSIBLE = 1;
    private static final int IMPOSSIBLE = 2;

    private final PatternIndex index;
    /** The class loaders seen and still alive when the last one was added; guarded by this. */
    private LoaderTypes[] loaders = new LoaderTypes[0];
    private final LoaderTypes bootLoader = new LoaderTypes(null);
    /** The loader asked about last: class loading comes in bursts from one loader. */
    private volatile LoaderTypes last = bootLoader;

    TypeHierarchy(PatternIndex index) {
        this.index = index;
    }

    /** What the agent knows of the types of one class loader. */
    private static final class LoaderTypes {
        final WeakReference<ClassLoader> loader;
        /** Type name to the mapping indexes it passes on to its subtypes. */
        final Map<String, int[]> passedOn = new ConcurrentHashMap<>();
        /** Types whose class file the loader does not serve; a value of true once a WARN named it as a superclass. */
        final Map<String, Boolean> unreadable = new ConcurrentHashMap<>();
        volatile int inheritance = UNKNOWN;

        LoaderTypes(ClassLoader loader) {
            this.loader = new WeakReference<>(loader);
        }
    }

    /**
     * Whether a class of {@code loader} could inherit a mapping: decided once per loader, at its first
     * class ({@code internalName}), before any supertype of any of its classes is read.
     */
    boolean inheritancePossible(ClassLoader loader, String internalName) {
        LoaderTypes types = typesOf(loader);
        int known = types.inheritance;
        if (known == UNKNOWN) {
            known = IMPOSSIBLE;
            if (index.hasWildcards()) {
                known = POSSIBLE;
            } else {
                // a type a pattern names passes a mapping on exactly when it is abstract (or inherits one)
                for (String name : index.exactNames()) {
                    if (passedOn(name, types, loader, 0).length > 0) {
                        known = POSSIBLE;
                        break;
                    }
                }
                // a loader that defines classes from bytes and serves none as a resource could still
                // load an implementation of a named interface: its classes then tell (inherited)
                if (known == IMPOSSIBLE && loader != null && !types.unreadable.isEmpty()
                        && loader.getResource(internalName + ".class") == null) {
                    known = POSSIBLE;
                }
            }
            types.inheritance = known;
        }
        return known == POSSIBLE;
    }

    /** Indexes of the mappings whose pattern names an abstract supertype of {@code header}, in file order. */
    int[] inherited(ClassHeader header, ClassLoader loader) {
        return inherited(header, typesOf(loader), loader, 0);
    }

    private int[] inherited(ClassHeader header, LoaderTypes types, ClassLoader loader, int depth) {
        int[] result = NameTable.NONE;
        if (header.superName() != null) {
            result = PatternIndex.union(result, passedOn(header.superName(), types, loader, depth + 1));
            if (depth == 0) {
                warnIfUnreadableAndNamed(header, types, loader);
            }
        }
        for (String type : header.interfaces()) {
            // an interface the class lists is abstract, so the patterns naming it cover the class even
            // when its own class file cannot be read
            result = PatternIndex.union(result, PatternIndex.union(passedOn(type, types, loader, depth + 1),
                    isPlatformType(type) ? NameTable.NONE : index.mappingsNaming(type)));
        }
        return result;
    }

    /** One WARN line for a superclass a pattern names whose class file the loader does not serve. */
    private void warnIfUnreadableAndNamed(ClassHeader header, LoaderTypes types, ClassLoader loader) {
        String superName = header.superName();
        if (Boolean.FALSE.equals(types.unreadable.get(superName)) && index.mappingsNaming(superName).length > 0
                && Boolean.FALSE.equals(types.unreadable.replace(superName, true))) {
            AgentLog.warn("Cannot tell whether " + superName.replace('/', '.') + ", which a pattern names, is an abstract "
                    + "class: " + (loader == null ? "the boot class loader" : "class loader " + loader.getClass().getName())
                    + " serves no class file for it, so the methods " + header.name().replace('/', '.') + " and its "
                    + "other subclasses of that loader override are not woven; name those classes in the config");
        }
    }

    /** The mappings a supertype passes on: those naming it (when abstract) and those it inherits. */
    private int[] passedOn(String typeName, LoaderTypes types, ClassLoader loader, int depth) {
        if (depth > MAX_DEPTH || isPlatformType(typeName)) {
            return NameTable.NONE;
        }
        int[] cached = types.passedOn.get(typeName);
        if (cached != null) {
            return cached;
        }
        int[] computed = NameTable.NONE;
        ClassHeader header = read(typeName, loader);
        if (header != null) {
            int[] own = header.isAbstractType() ? index.mappingsNaming(typeName) : NameTable.NONE;
            computed = PatternIndex.union(own, inherited(header, types, loader, depth));
        } else {
            types.unreadable.putIfAbsent(typeName, false);
        }
        types.passedOn.put(typeName, computed);
        return computed;
    }

    private LoaderTypes typesOf(ClassLoader loader) {
        LoaderTypes recent = last;
        if (recent.loader.get() == loader && (loader != null || recent == bootLoader)) {
            return recent;
        }
        if (loader == null) {
            last = bootLoader;
            return bootLoader;
        }
        LoaderTypes types = find(loader);
        last = types;
        return types;
    }

    /**
     * The loader's entry, created for a loader seen for the first time; the entries of collected loaders
     * go. A linear search: it runs only when class loading moves to another loader, and an application
     * has few loaders alive at once.
     */
    private synchronized LoaderTypes find(ClassLoader loader) {
        LoaderTypes found = null;
        int alive = 0;
        for (LoaderTypes types : loaders) {
            ClassLoader known = types.loader.get();
            if (known == loader) {
                found = types;
            }
            alive += known != null ? 1 : 0;
        }
        if (found != null && alive == loaders.length) {
            return found;
        }
        LoaderTypes[] kept = new LoaderTypes[loaders.length + 1];
        int n = 0;
        for (LoaderTypes types : loaders) {
            if (types.loader.get() != null) {
                kept[n++] = types;
            }
        }
        if (found == null) {
            found = new LoaderTypes(loader);
            kept[n++] = found;
        }
        loaders = Arrays.copyOf(kept, n);
        return found;
    }

    /** How many class loaders the cache holds an entry for (tests). */
    synchronized int loadersKnown() {
        return loaders.length;
    }

    /** The header of type {@code internalName} as {@code loader} sees it, or null. */
    private static ClassHeader read(String internalName, ClassLoader loader) {
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : ClassHeader.parse(in.readAllBytes()).orElse(null);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * JDK types carry no application patterns, and walking them would read the JDK's class files; the
     * JDK's HTTP client is the one a pattern may name.
     */
    static boolean isPlatformType(String internalName) {
        return JdkClasses.isJdkInternalName(internalName) && !JdkClasses.isHttpClient(internalName);
    }
}
