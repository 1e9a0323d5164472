package io.resilienceagent.weaving;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Tells, at weave time and without loading a class, whether a method's declared return type makes it
 * async: {@code CompletionStage}, {@code CompletableFuture}, or a public subclass of
 * {@code CompletableFuture} with a public no-argument constructor (so the agent can build the caller's
 * future when the body did not run). Another class implementing {@code CompletionStage} cannot be
 * built or completed by the agent; such a method is left unwoven. So is one whose result completes
 * later through a type the agent does not follow (a {@code Future} that is no {@code CompletionStage},
 * a Reactive Streams or {@code Flow} publisher such as Reactor's {@code Mono}, RxJava's, Mutiny's,
 * Vert.x's and Scala's futures, Kotlin's {@code Deferred} and {@code Flow}): woven as a synchronous
 * method, it would count as a success the moment it returned. Supertypes are read as class-file
 * resources of the loading class loader.
 */
final class FutureTypes {
    static final String COMPLETION_STAGE = "java/util/concurrent/CompletionStage";
    static final String COMPLETABLE_FUTURE = "java/util/concurrent/CompletableFuture";
    /** Most types read for one return type: its supertypes, interfaces included. */
    private static final int MAX_TYPES = 64;
    /** The JDK's types whose result comes later, not through a CompletionStage (the JDK's are not read). */
    private static final Set<String> JDK_DEFERRED = Set.of("java/util/concurrent/Future",
            "java/util/concurrent/RunnableFuture", "java/util/concurrent/ScheduledFuture",
            "java/util/concurrent/RunnableScheduledFuture", "java/util/concurrent/FutureTask",
            "java/util/concurrent/ForkJoinTask", "java/util/concurrent/RecursiveTask",
            "java/util/concurrent/RecursiveAction", "java/util/concurrent/CountedCompleter",
            "java/util/concurrent/Flow$Publisher", "java/util/concurrent/Flow$Processor",
            "java/util/concurrent/SubmissionPublisher");
    /** Libraries' types, and the roots of their hierarchies, whose result comes later. */
    private static final Set<String> LIBRARY_DEFERRED = Set.of("org/reactivestreams/Publisher",
            "io/reactivex/rxjava3/core/SingleSource", "io/reactivex/rxjava3/core/MaybeSource",
            "io/reactivex/rxjava3/core/CompletableSource", "io/reactivex/rxjava3/core/ObservableSource",
            "io/reactivex/SingleSource", "io/reactivex/MaybeSource", "io/reactivex/CompletableSource",
            "io/reactivex/ObservableSource", "io/smallrye/mutiny/Uni", "io/vertx/core/Future",
            "scala/concurrent/Future", "kotlinx/coroutines/Job", "kotlinx/coroutines/flow/Flow");

    /** What a return type means for weaving. */
    enum Kind { SYNC, ASYNC, UNBUILDABLE, DEFERRED }

    private FutureTypes() {
    }

    /** The kind of a method with return type {@code internalName} (an object type) in a class of {@code loader}. */
    static Kind of(String internalName, ClassLoader loader) {
        if (internalName.equals(COMPLETION_STAGE) || internalName.equals(COMPLETABLE_FUTURE)) {
            return Kind.ASYNC;
        }
        if (internalName.startsWith("java/")) {
            return JDK_DEFERRED.contains(internalName) ? Kind.DEFERRED : Kind.SYNC;
        }
        ClassReader declared = read(internalName, loader);
        if (declared == null) {
            return LIBRARY_DEFERRED.contains(internalName) ? Kind.DEFERRED : Kind.SYNC;
        }
        // every supertype once, breadth first; only classes have a superclass, so a CompletableFuture
        // met as one is the declared type's own ancestor
        boolean completable = false;
        boolean stage = false;
        boolean deferred = false;
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> pending = new ArrayDeque<>();
        seen.add(internalName);
        pending.add(internalName);
        int read = 1;
        for (String name; (name = pending.poll()) != null; ) {
            stage |= name.equals(COMPLETION_STAGE);
            deferred |= JDK_DEFERRED.contains(name) || LIBRARY_DEFERRED.contains(name);
            ClassReader type = name.equals(internalName) ? declared
                    : name.startsWith("java/") || read++ >= MAX_TYPES ? null : read(name, loader);
            if (type == null) {
                continue;
            }
            String superName = type.getSuperName();
            completable |= COMPLETABLE_FUTURE.equals(superName);
            if (superName != null && seen.add(superName)) {
                pending.add(superName);
            }
            for (String implemented : type.getInterfaces()) {
                if (seen.add(implemented)) {
                    pending.add(implemented);
                }
            }
        }
        if (completable) {
            return (declared.getAccess() & Opcodes.ACC_PUBLIC) != 0 && (declared.getAccess() & Opcodes.ACC_ABSTRACT) == 0
                    && hasPublicNoArgumentConstructor(declared) ? Kind.ASYNC : Kind.UNBUILDABLE;
        }
        return stage ? Kind.UNBUILDABLE : deferred ? Kind.DEFERRED : Kind.SYNC;
    }

    private static boolean hasPublicNoArgumentConstructor(ClassReader type) {
        boolean[] found = new boolean[1];
        type.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (name.equals("<init>") && descriptor.equals("()V") && (access & Opcodes.ACC_PUBLIC) != 0) {
                    found[0] = true;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }

    private static ClassReader read(String internalName, ClassLoader loader) {
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : new ClassReader(in.readAllBytes());
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
