package io.resilienceagent.policy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the HTTP status of a returned or thrown object. An object has a status when it is a
 * {@link HttpResponse}, or has a public no-argument accessor, by one of {@link #ACCESSOR_NAMES} (after
 * any names the service configures in {@code retry.statusAccessor}), that returns an {@code int} or
 * {@code Integer}, or a status object with a public no-argument {@code int} method of one of
 * {@link #VALUE_NAMES} (Spring's {@code HttpStatusCode.value()}, JAX-RS {@code StatusType.getStatusCode()}).
 * An object with none of those that holds a response with one ({@link #RESPONSE_HOLDER_NAMES}: JAX-RS's
 * {@code WebApplicationException.getResponse()}) has that response's status. gRPC's {@code Status} is a
 * status object too, read as the HTTP status of its code ({@link GrpcStatuses}).
 * The accessor is looked up once per class and cached; reading a status then allocates nothing.
 */
public final class StatusReader {
    /** Returned by {@link #statusOf} for objects without a status. */
    public static final int NO_STATUS = -1;
    static final List<String> ACCESSOR_NAMES = List.of(
            "statusCode", "getStatusCode", "getStatus", "status", "code", "getCode", "getRawStatusCode", "getStatusInfo");
    static final List<String> VALUE_NAMES = List.of("value", "code", "getStatusCode", "statusCode");
    /** Accessors of a held response, read when an object has no status accessor of its own. */
    static final List<String> RESPONSE_HOLDER_NAMES = List.of("getResponse", "response");
    private static final MethodType INT_OF_OBJECT = MethodType.methodType(int.class, Object.class);
    private static final MethodHandle UNBOX;
    private static final MethodHandle HELD_STATUS;
    /** The accessor shared by every {@code HttpResponse} class; null until the first such class is seen. */
    private static volatile MethodHandle httpResponseStatus;

    static {
        try {
            UNBOX = MethodHandles.lookup().findStatic(StatusReader.class, "unbox",
                    MethodType.methodType(int.class, Object.class));
            HELD_STATUS = MethodHandles.lookup().findVirtual(StatusReader.class, "heldStatus",
                    MethodType.methodType(int.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The reader without configured accessors. */
    public static final StatusReader DEFAULT = new StatusReader(List.of());

    /** The configured names ({@code retry.statusAccessor}), then the built-in ones not among them. */
    private final List<String> configuredNames;
    private final List<String> builtInNames;
    private final ClassValue<MethodHandle> accessors = new ClassValue<>() {
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

    /** A class's own accessor only, for a held response read by its class. */
    private final ClassValue<MethodHandle> ownAccessors = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return type.isPrimitive() || type.isArray() || type.getName().startsWith("java.lang.") ? null : ownAccessor(type);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
                return null;
            }
        }
    };

    /** @param configured accessor names tried before the built-in ones ({@code retry.statusAccessor}) */
    private StatusReader(List<String> configured) {
        List<String> builtIn = new ArrayList<>();
        for (String name : ACCESSOR_NAMES) {
            if (!configured.contains(name)) {
                builtIn.add(name);
            }
        }
        this.configuredNames = List.copyOf(configured);
        this.builtInNames = List.copyOf(builtIn);
    }

    /** The reader for a service that configures {@code accessors} ({@code retry.statusAccessor}). */
    public static StatusReader withAccessors(List<String> accessors) {
        return accessors.isEmpty() ? DEFAULT : new StatusReader(accessors);
    }

    /** The status of {@code value}, or {@link #NO_STATUS}. */
    public int statusOf(Object value) {
        return value == null ? NO_STATUS : read(accessors.get(value.getClass()), value);
    }

    /** What {@code accessor} reads of {@code value}; {@link #NO_STATUS} for no accessor, or one that throws. */
    private static int read(MethodHandle accessor, Object value) {
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
    boolean hasStatus(Class<?> type) {
        return accessors.get(type) != null;
    }

    /**
     * Whether {@code value} is a {@code java.net.http.HttpResponse}, decided by the names of its class's
     * supertypes: no type check, so {@code java.net.http} stays unloaded for applications that never use
     * it, and a failing type check against an interface (slow on JDK 17) is never made.
     */
    static boolean isHttpResponse(Object value) {
        return value != null && implementsHttpResponse(value.getClass());
    }

    private MethodHandle findAccessor(Class<?> type) throws ReflectiveOperationException {
        if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.lang.")) {
            return null;
        }
        MethodHandle own = ownAccessor(type);
        return own != null ? own : heldResponseAccessor(type);
    }

    /** The accessor {@code type} declares itself: a configured name wins, whether it returns an int or a status object. */
    private MethodHandle ownAccessor(Class<?> type) throws ReflectiveOperationException {
        if (implementsHttpResponse(type)) {
            return httpResponseStatus();
        }
        MethodHandle configured = accessorAmong(type, configuredNames);
        return configured != null ? configured : accessorAmong(type, builtInNames);
    }

    /**
     * For an object without a status of its own that holds a response with one (JAX-RS's
     * {@code WebApplicationException.getResponse()}): the held response's status, one level deep. A held
     * type declared as {@code Object} (a type variable's) or as an interface without a status accessor is
     * read by the held object's own class, as {@code Retry-After} is.
     */
    private MethodHandle heldResponseAccessor(Class<?> type) throws ReflectiveOperationException {
        for (String name : RESPONSE_HOLDER_NAMES) {
            Method method = publicGetter(type, name);
            Class<?> held = method == null ? null : method.getReturnType();
            if (held == null || held.isPrimitive() || held.isArray()
                    || held.getName().startsWith("java.lang.") && held != Object.class) {
                continue;
            }
            MethodHandle status = held == Object.class ? null : ownAccessor(held);
            if (status == null && held != Object.class && !held.isInterface()) {
                continue;
            }
            MethodHandle handle = unreflect(method);
            if (handle != null) {
                return MethodHandles.filterReturnValue(handle.asType(MethodType.methodType(Object.class, Object.class)),
                        status != null ? status.asType(INT_OF_OBJECT) : HELD_STATUS.bindTo(this));
            }
        }
        return null;
    }

    /** The status of a held object by its own class's accessor (never through a response it holds in turn). */
    @SuppressWarnings("unused") // called through HELD_STATUS
    private int heldStatus(Object held) {
        return held == null ? NO_STATUS : read(ownAccessors.get(held.getClass()), held);
    }

    /** The first of {@code names} that returns an int, else the first that returns a status object; or null. */
    private static MethodHandle accessorAmong(Class<?> type, List<String> names) throws ReflectiveOperationException {
        for (String name : names) {
            Method method = publicGetter(type, name);
            if (method != null && (method.getReturnType() == int.class || method.getReturnType() == Integer.class)) {
                MethodHandle handle = unreflect(method);
                if (handle != null) {
                    return method.getReturnType() == int.class ? handle.asType(INT_OF_OBJECT)
                            : MethodHandles.filterReturnValue(handle.asType(MethodType.methodType(Object.class, Object.class)), UNBOX);
                }
            }
        }
        for (String name : names) {
            Method method = publicGetter(type, name);
            if (method != null && !method.getReturnType().isPrimitive() && !method.getReturnType().getName().startsWith("java.")) {
                MethodHandle statusObject = statusObjectValue(method.getReturnType());
                MethodHandle handle = statusObject == null ? null : unreflect(method);
                if (handle != null) {
                    return MethodHandles.filterReturnValue(handle.asType(MethodType.methodType(Object.class, Object.class)),
                            statusObject);
                }
            }
        }
        return null;
    }

    /** For a status object type (Spring's {@code HttpStatusCode}, say): its int value, as {@code (Object)int}. */
    private static MethodHandle statusObjectValue(Class<?> type) throws IllegalAccessException {
        for (String name : VALUE_NAMES) {
            Method method = publicGetter(type, name);
            if (method != null && method.getReturnType() == int.class) {
                MethodHandle handle = unreflect(method);
                if (handle != null) {
                    return handle.asType(INT_OF_OBJECT);
                }
            }
        }
        return type.getName().equals(GrpcStatuses.STATUS_CLASS) ? GrpcStatuses.httpStatusOf(type) : null;
    }

    /** A status object's accessor returned null, or a boxed status is null: no status. */
    @SuppressWarnings("unused") // called through UNBOX
    private static int unbox(Object boxed) {
        return boxed instanceof Integer status ? status : NO_STATUS;
    }

    private static boolean implementsHttpResponse(Class<?> type) {
        for (Class<?> supertype : supertypes(type)) {
            if (supertype.isInterface() && supertype.getName().equals("java.net.http.HttpResponse")) {
                return true;
            }
        }
        return false;
    }

    /** Built once, under the lock. */
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

    /** A public, non-static, no-argument method named {@code name}, or null. */
    static Method publicGetter(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class ? null : method;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    /** A public method of a non-public class is reachable through the public type that declares it. */
    static MethodHandle unreflect(Method method) {
        try {
            return MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublicType) {
            for (Class<?> declaring : supertypes(method.getDeclaringClass())) {
                try {
                    Method inherited = declaring.getMethod(method.getName(), method.getParameterTypes());
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

    /** The public supertypes of {@code type} (not itself), breadth first. */
    static List<Class<?>> supertypes(Class<?> type) {
        List<Class<?>> result = new ArrayList<>();
        java.util.ArrayDeque<Class<?>> queue = new java.util.ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> next = queue.poll();
            if (next != type && Modifier.isPublic(next.getModifiers()) && !result.contains(next)) {
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
