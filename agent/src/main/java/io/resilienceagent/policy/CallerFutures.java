package io.resilienceagent.policy;

import java.lang.reflect.Constructor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Builds the futures an async method hands its callers, of the method's declared type: from the first
 * attempt's future ({@link CompletableFuture#newIncompleteFuture()}), so a subclass keeps its type, or,
 * when the body did not run or returned no {@code CompletableFuture}, a plain {@code CompletableFuture}
 * for {@code CompletionStage} and {@code CompletableFuture}, else one built by the declared class's
 * public no-argument constructor. (The weaver leaves unwoven a method whose declared type is neither.)
 */
final class CallerFutures {
    private final String returnType;
    /** The declared return type as the owner's class loader sees it. */
    private final ClassValue<Class<?>> declared = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> owner) {
            if (returnType.equals(CompletionStage.class.getName())) {
                return CompletionStage.class;
            }
            if (returnType.equals(CompletableFuture.class.getName())) {
                return CompletableFuture.class;
            }
            try {
                return Class.forName(returnType, false, Privileged.loaderOf(owner));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load " + returnType + " from the class loader of " + owner.getName(), e);
            }
        }
    };

    /** @param returnType the binary name of the method's declared return type */
    CallerFutures(String returnType) {
        this.returnType = returnType;
    }

    /**
     * The caller's future, of the declared type, for a call whose first attempt returned
     * {@code firstAttempt}; null when a plain {@code CompletableFuture} is that future (the call itself
     * then serves, see {@link CallerFuture}).
     */
    @SuppressWarnings("unchecked")
    CompletableFuture<Object> forCaller(Class<?> owner, Object firstAttempt) {
        if (firstAttempt != null && firstAttempt.getClass() == CompletableFuture.class) {
            return null;
        }
        Class<?> type = declared.get(owner);
        if (firstAttempt instanceof CompletableFuture<?> future && future.getClass() != Futures.MINIMAL_STAGE) {
            CompletableFuture<Object> derived = (CompletableFuture<Object>) future.newIncompleteFuture();
            if (type.isInstance(derived)) {
                return derived.getClass() == CompletableFuture.class ? null : derived;
            }
        }
        return isPlain(type) ? null : build(type);
    }

    /** A future of the declared type, already failed with {@code failure}. */
    Object failed(Class<?> owner, Throwable failure) {
        CompletableFuture<Object> future = build(declared.get(owner));
        future.completeExceptionally(failure);
        return future;
    }

    private static boolean isPlain(Class<?> type) {
        return type == CompletionStage.class || type == CompletableFuture.class;
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> build(Class<?> type) {
        if (isPlain(type)) {
            return new CompletableFuture<>();
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (CompletableFuture<Object>) constructor.newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot build a " + type.getName() + " for the caller: " + e, e);
        }
    }
}
