package io.resilienceagent.bootstrap;

/**
 * The engine side of one instrumented method, as seen by woven code. Implemented by the agent; kept
 * in the bootstrap layer so that code woven into classes of any class loader can call it.
 *
 * <p>Woven code drives one call as a sequence of attempts: {@link #enter} once before the body,
 * then {@link #exit} after every run of the body, which either finishes the call or asks for another
 * run of the body.
 */
public interface CallHandler {
    /**
     * Asks the breaker to admit the first attempt.
     *
     * @param owner the class whose woven method is called (null in class files too old to name it)
     * @return an admission token to pass to {@link #exit}, {@link Dispatcher#PASS_THROUGH} to run the
     *     body once without protection, the {@link Throwable} to throw instead of running the body when
     *     the breaker rejects the call, or (async methods) a {@link Replacement} to return instead
     */
    Object enter(Class<?> owner);

    /**
     * Decides what follows one attempt.
     *
     * @param owner the class whose woven method is called, as passed to {@link #enter}
     * @param admission the token of this attempt (from {@link #enter} or a previous {@code exit})
     * @param returned the body's return value (null for void methods or when it threw)
     * @param thrown what the body threw, or null
     * @return {@code null} to complete the call as the body did; a {@link Throwable} to throw it
     *     instead; a {@link Replacement} to return its value instead (async methods);
     *     {@link Dispatcher#NEED_ARGUMENTS} to be called again through {@link #exitWithArguments}
     *     (async methods); any other object is the admission token of a further attempt: run the body again
     */
    Object exit(Class<?> owner, Object admission, Object returned, Throwable thrown);

    /**
     * {@link #exit} of an async method, called when {@code exit} answered {@link Dispatcher#NEED_ARGUMENTS},
     * with what the engine needs to run the method again: its receiver ({@code null} for a static method)
     * and its original arguments. Returns a decision as {@code exit} does, or a {@link Replacement}.
     */
    default Object exitWithArguments(Class<?> owner, Object admission, Object returned, Throwable thrown,
            Object receiver, Object[] arguments) {
        return null;
    }
}
