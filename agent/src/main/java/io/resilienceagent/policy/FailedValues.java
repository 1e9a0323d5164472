package io.resilienceagent.policy;

import io.resilienceagent.log.AgentLog;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpResponse;

/**
 * Releases a failing return value that the caller will never see, because a later attempt or a
 * rejection supersedes it: a response left open would keep its connection (OkHttp reports such a
 * response as leaked, and every retry would open a new connection). The value handed to the caller is
 * never closed.
 */
final class FailedValues {
    /** A public no-argument {@code disconnect()} of a class, or null: how Google HTTP Client's response is released. */
    private static final ClassValue<Method> DISCONNECT = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method method = type.getMethod("disconnect");
                return Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getDeclaringClass().getModifiers())
                        ? null : method;
            } catch (NoSuchMethodException | SecurityException | LinkageError none) {
                return null;
            }
        }
    };

    private FailedValues() {
    }

    /**
     * Closes {@code value} if it is {@link AutoCloseable}, or the body of a {@code java.net.http} response if
     * that is; else disconnects it if it has a public {@code disconnect()} (Google HTTP Client's response).
     */
    static void release(Object value) {
        Object closeable = value;
        if (StatusReader.isHttpResponse(value)) {
            closeable = ((HttpResponse<?>) value).body();
        }
        try {
            if (closeable instanceof AutoCloseable resource) {
                resource.close();
            } else if (closeable != null && DISCONNECT.get(closeable.getClass()) != null) {
                DISCONNECT.get(closeable.getClass()).invoke(closeable);
            }
        } catch (Exception | LinkageError e) {
            AgentLog.debug("Could not close a superseded " + closeable.getClass().getName() + ": " + e);
        }
    }
}
