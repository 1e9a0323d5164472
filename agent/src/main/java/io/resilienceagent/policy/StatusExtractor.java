package io.resilienceagent.policy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Finds the HTTP status of a returned or thrown object: a {@link HttpResponse}, or any object with a
 * public no-argument {@code int} method {@code statusCode()}, {@code getStatusCode()},
 * {@code getStatus()}, {@code status()} or {@code code()}. The accessor is looked up once per class and
 * cached; reading a status then allocates nothing.
 */
public final class StatusExtractor {
    /** Returned by {@link #statusOf} for objects without a status. */
    public static final int NO_STATUS = -1;

    static final List<String> ACCESSOR_NAMES = List.of("statusCode", "getStatusCode", "getStatus", "status", "code");
    private static final MethodType INT_OF_OBJECT = MethodType.methodType(int.class, Object.class);
    /** The accessor shared by every {@code HttpResponse} class; null until the first such class is seen. */
    private static volatile MethodHandle httpResponseStatus;

    private static final ClassValue<MethodHandle> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return findAccessor(type);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
                // e.g. a public method whose signature names a class that is not installed: cache "no
                // status" rather than fail, and fail again, on every call
                return null;
            }
        }
    };

    private StatusExtractor() {
    }

    /**
     * The status of {@code value}, or {@link #NO_STATUS}. Whether a class is an {@link HttpResponse} is
     * decided once, with its accessor: a type check against an interface that fails is a slow scan on
     * JDK 17, and most protected methods return something that is not a response.
     */
    public static int statusOf(Object value) {
        if (value == null) {
            return NO_STATUS;
        }
        MethodHandle accessor = ACCESSORS.get(value.getClass());
        if (accessor == null) {
            return NO_STATUS;
        }
        try {
            return (int) accessor.invokeExact(value);
        } catch (Throwable t) {
            return NO_STATUS;
        }
    }

    /** Whether objects of {@code type} have a status accessor. */
    static boolean hasStatus(Class<?> type) {
        return ACCESSORS.get(type) != null;
    }

    /**
     * Whether {@code value} is a {@code java.net.http.HttpResponse}, from the same per-class decision as
     * {@link #statusOf}: no type check, so {@code java.net.http} stays unloaded for applications that
     * never use it.
     */
    static boolean isHttpResponse(Object value) {
        if (value == null) {
            return false;
        }
        MethodHandle accessor = ACCESSORS.get(value.getClass()); // sets httpResponseStatus for the first response
        return accessor != null && accessor == httpResponseStatus;
    }

    private static MethodHandle findAccessor(Class<?> type) throws ReflectiveOperationException {
        if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.lang.")) {
            return null;
        }
        if (implementsHttpResponse(type)) {
            return httpResponseStatus();
        }
        for (String name : ACCESSOR_NAMES) {
            Method method = publicIntGetter(type, name);
            if (method != null) {
                MethodHandle handle = unreflect(method);
                if (handle != null) {
                    return handle.asType(INT_OF_OBJECT);
                }
            }
        }
        return null;
    }

    /**
     * Decided by the names of the type's supertypes, so that an application that never uses
     * {@code java.net.http} does not have that module's classes loaded by the agent (a few milliseconds,
     * on the first call of the first protected method).
     */
    private static boolean implementsHttpResponse(Class<?> type) {
        for (Class<?> supertype : supertypes(type)) {
            if (supertype.isInterface() && supertype.getName().equals("java.net.http.HttpResponse")) {
                return true;
            }
        }
        return false;
    }

    /** Built once, under the lock: {@link #isHttpResponse} compares handles by identity. */
    private static synchronized MethodHandle httpResponseStatus() throws ReflectiveOperationException {
        MethodHandle shared = httpResponseStatus;
        if (shared == null) {
            shared = MethodHandles.publicLookup()
                    .findVirtual(HttpResponse.class, "statusCode", MethodType.methodType(int.class))
                    .asType(INT_OF_OBJECT);
            httpResponseStatus = shared;
        }
        return shared;
    }

    private static Method publicIntGetter(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            boolean usable = method.getReturnType() == int.class && !Modifier.isStatic(method.getModifiers());
            return usable ? method : null;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    /** A public method of a non-public class is reachable through the public type that declares it. */
    private static MethodHandle unreflect(Method method) {
        try {
            return MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublicType) {
            for (Class<?> declaring : supertypes(method.getDeclaringClass())) {
                try {
                    Method inherited = declaring.getMethod(method.getName());
                    return MethodHandles.publicLookup().unreflect(inherited);
                } catch (NoSuchMethodException | IllegalAccessException | SecurityException ignored) {
                    // try the next supertype
                }
            }
            try {
                method.setAccessible(true);
                return MethodHandles.lookup().unreflect(method);
            } catch (RuntimeException | IllegalAccessException e) {
                return null;
            }
        }
    }

    private static List<Class<?>> supertypes(Class<?> type) {
        java.util.ArrayList<Class<?>> result = new java.util.ArrayList<>();
        java.util.ArrayDeque<Class<?>> queue = new java.util.ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> next = queue.poll();
            if (next != type && Modifier.isPublic(next.getModifiers())) {
                result.add(next);
            }
            if (next.getSuperclass() != null) {
                queue.add(next.getSuperclass());
            }
            queue.addAll(List.of(next.getInterfaces()));
        }
        return result;
    }
}
