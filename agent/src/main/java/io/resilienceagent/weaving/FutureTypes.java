package io.resilienceagent.weaving;

import java.io.IOException;
import java.io.InputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Tells, at weave time and without loading a class, whether a method's declared return type makes it
 * async: {@code CompletionStage}, {@code CompletableFuture}, or a public subclass of
 * {@code CompletableFuture} with a public no-argument constructor (so the agent can build the caller's
 * future when the body did not run). Another class implementing {@code CompletionStage} cannot be
 * built or completed by the agent; such a method is left unwoven. Supertypes are read as class-file
 * resources of the loading class loader.
 */
final class FutureTypes {
    static final String COMPLETION_STAGE = "java/util/concurrent/CompletionStage";
    static final String COMPLETABLE_FUTURE = "java/util/concurrent/CompletableFuture";
    private static final int MAX_DEPTH = 32;

    /** What a return type means for weaving. */
    enum Kind { SYNC, ASYNC, UNBUILDABLE }

    private FutureTypes() {
    }

    /** The kind of a method with return type {@code internalName} (an object type) in a class of {@code loader}. */
    static Kind of(String internalName, ClassLoader loader) {
        if (internalName.equals(COMPLETION_STAGE) || internalName.equals(COMPLETABLE_FUTURE)) {
            return Kind.ASYNC;
        }
        if (internalName.startsWith("java/")) {
            return Kind.SYNC;
        }
        ClassReader declared = read(internalName, loader);
        if (declared == null) {
            return Kind.SYNC;
        }
        boolean completable = false;
        boolean stage = false;
        ClassReader type = declared;
        for (int depth = 0; type != null && depth < MAX_DEPTH && !completable; depth++) {
            stage |= implementsStage(type.getInterfaces(), loader, 0);
            String superName = type.getSuperName();
            completable = COMPLETABLE_FUTURE.equals(superName);
            type = superName == null || superName.startsWith("java/") ? null : read(superName, loader);
        }
        if (completable) {
            return (declared.getAccess() & Opcodes.ACC_PUBLIC) != 0 && (declared.getAccess() & Opcodes.ACC_ABSTRACT) == 0
                    && hasPublicNoArgumentConstructor(declared) ? Kind.ASYNC : Kind.UNBUILDABLE;
        }
        return stage ? Kind.UNBUILDABLE : Kind.SYNC;
    }

    private static boolean implementsStage(String[] interfaces, ClassLoader loader, int depth) {
        for (String name : interfaces) {
            if (name.equals(COMPLETION_STAGE)) {
                return true;
            }
            if (depth < MAX_DEPTH && !name.startsWith("java/")) {
                ClassReader type = read(name, loader);
                if (type != null && implementsStage(type.getInterfaces(), loader, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
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
