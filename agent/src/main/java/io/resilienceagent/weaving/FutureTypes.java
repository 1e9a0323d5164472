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
 * built or completed by the agent; such a method is left unwoven. So is one whose result is a
 * publisher or a library's future that the agent does not follow (a Reactive Streams or {@code Flow}
 * publisher such as Reactor's {@code Mono}, RxJava's types, Mutiny's, Vert.x's and Scala's futures,
 * Kotlin's {@code Deferred} and {@code Flow}): woven as a synchronous method, it would count as a
 * success the moment it returned, before its work even began. A {@code java.util.concurrent.Future}
 * that is no {@code CompletionStage} (Guava's and Netty's included) is woven as a synchronous method,
 * with a warning: a body that completes it before returning, as Spring's and EJB's asynchronous
 * methods do on their executor, is protected on what it throws. Supertypes are read as class-file
 * resources of the loading class loader.
 */
final class FutureTypes {
    static final String COMPLETION_STAGE = "java/util/concurrent/CompletionStage";
    static final String COMPLETABLE_FUTURE = "java/util/concurrent/CompletableFuture";
    /** Most types read for one return type: its supertypes, interfaces included. */
    private static final int MAX_TYPES = 64;
    /** The JDK's futures that are no CompletionStage (the JDK's class files are not read). */
    private static final Set<String> JDK_FUTURES = Set.of("java/util/concurrent/Future",
            "java/util/concurrent/RunnableFuture", "java/util/concurrent/ScheduledFuture",
            "java/util/concurrent/RunnableScheduledFuture", "java/util/concurrent/FutureTask",
            "java/util/concurrent/ForkJoinTask", "java/util/concurrent/RecursiveTask",
            "java/util/concurrent/RecursiveAction", "java/util/concurrent/CountedCompleter");
    /** The JDK's publishers. */
    private static final Set<String> JDK_PUBLISHERS = Set.of("java/util/concurrent/Flow$Publisher",
            "java/util/concurrent/Flow$Processor", "java/util/concurrent/SubmissionPublisher");
    /**
     * Libraries' publishers and futures that are no {@code java.util.concurrent.Future}: the roots of their
     * hierarchies, and their common types by name too, for a loader that serves no class file to read.
     */
    private static final Set<String> LIBRARY_PUBLISHERS = Set.of("org/reactivestreams/Publisher",
            "reactor/core/publisher/Mono", "reactor/core/publisher/Flux",
            "io/reactivex/rxjava3/core/SingleSource", "io/reactivex/rxjava3/core/MaybeSource",
            "io/reactivex/rxjava3/core/CompletableSource", "io/reactivex/rxjava3/core/ObservableSource",
            "io/reactivex/rxjava3/core/Single", "io/reactivex/rxjava3/core/Maybe", "io/reactivex/rxjava3/core/Completable",
            "io/reactivex/rxjava3/core/Observable", "io/reactivex/rxjava3/core/Flowable",
            "io/reactivex/SingleSource", "io/reactivex/MaybeSource", "io/reactivex/CompletableSource",
            "io/reactivex/ObservableSource", "io/reactivex/Single", "io/reactivex/Maybe", "io/reactivex/Completable",
            "io/reactivex/Observable", "io/reactivex/Flowable", "rx/Observable", "rx/Single", "rx/Completable",
            "io/smallrye/mutiny/Uni", "io/smallrye/mutiny/Multi", "io/vertx/core/Future", "scala/concurrent/Future",
            "kotlinx/coroutines/Job", "kotlinx/coroutines/Deferred", "kotlinx/coroutines/flow/Flow");
    /** Libraries' futures, by name, for a loader that serves no class file to read (by their supertypes otherwise). */
    private static final Set<String> LIBRARY_FUTURES = Set.of("com/google/common/util/concurrent/ListenableFuture",
            "com/google/common/util/concurrent/FluentFuture", "io/netty/util/concurrent/Future");

    /** What a return type means for weaving. */
    enum Kind {
        SYNC, ASYNC, UNBUILDABLE,
        /** A publisher or a library's future the agent does not follow: left unwoven. */
        DEFERRED,
        /** A {@code java.util.concurrent.Future} that is no CompletionStage: woven as SYNC, with a warning. */
        FUTURE
    }

    private FutureTypes() {
    }

    /** The kind of a method with return type {@code internalName} (an object type) in a class of {@code loader}. */
    static Kind of(String internalName, ClassLoader loader) {
        if (internalName.equals(COMPLETION_STAGE) || internalName.equals(COMPLETABLE_FUTURE)) {
            return Kind.ASYNC;
        }
        if (internalName.startsWith("java/")) {
            return JDK_PUBLISHERS.contains(internalName) ? Kind.DEFERRED : JDK_FUTURES.contains(internalName) ? Kind.FUTURE
                    : Kind.SYNC;
        }
        ClassReader declared = read(internalName, loader);
        if (declared == null) {
            return LIBRARY_PUBLISHERS.contains(internalName) ? Kind.DEFERRED
                    : LIBRARY_FUTURES.contains(internalName) ? Kind.FUTURE : Kind.SYNC;
        }
        // every supertype once, breadth first; only classes have a superclass, so a CompletableFuture
        // met as one is the declared type's own ancestor
        boolean completable = false;
        boolean stage = false;
        boolean publisher = false;
        boolean future = false;
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> pending = new ArrayDeque<>();
        seen.add(internalName);
        pending.add(internalName);
        int read = 1;
        for (String name; (name = pending.poll()) != null; ) {
            stage |= name.equals(COMPLETION_STAGE);
            publisher |= JDK_PUBLISHERS.contains(name) || LIBRARY_PUBLISHERS.contains(name);
            future |= JDK_FUTURES.contains(name) || LIBRARY_FUTURES.contains(name);
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
        return stage ? Kind.UNBUILDABLE : publisher ? Kind.DEFERRED : future ? Kind.FUTURE : Kind.SYNC;
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
