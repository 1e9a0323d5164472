package io.resilienceagent.policy;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one header of a returned or thrown object that carries an HTTP response's headers, for
 * {@code Retry-After}. How to read them is decided once per class, from the accessors the common clients
 * use: {@code java.net.http.HttpResponse.headers()}, OkHttp's {@code header(String)}, JAX-RS's
 * {@code getHeaderString(String)}, Apache HttpClient's {@code getFirstHeader(String).getValue()}, and a {@code headers()}, {@code getHeaders()} or
 * {@code getResponseHeaders()} or {@code responseHeaders()} object (the Anthropic SDK's, Spring's
 * {@code HttpHeaders}, Feign's map) read with
 * {@code firstValue}, {@code getFirst}, {@code values} or {@code get}, or as a {@code Map}. Header
 * names are matched without regard to case. An object with none of those that holds a response (JAX-RS's
 * {@code WebApplicationException.getResponse()}) is read through that response. Used only on a
 * failure's way to a retry.
 */
final class ResponseHeaders {
    private static final List<String> HEADER_OBJECTS = List.of("headers", "getHeaders", "getResponseHeaders", "responseHeaders");
    private static final List<String> LOOKUPS = List.of("firstValue", "getFirst", "values", "get");

    /** How the headers of one class are read; {@link #NONE} for a class without headers. */
    private interface Access {
        Object read(Object value, String name) throws ReflectiveOperationException;
    }

    private static final Access NONE = (value, name) -> null;

    /** A class's own headers, else those of a response it holds. */
    private static final ClassValue<Access> ACCESS = new ClassValue<>() {
        @Override
        protected Access computeValue(Class<?> type) {
            try {
                Access own = find(type);
                return own != NONE ? own : findHeld(type);
            } catch (RuntimeException | LinkageError unreadable) {
                return NONE;
            }
        }
    };

    /** A class's own headers only: what a held response is read with, so that holders never chain. */
    private static final ClassValue<Access> OWN_ACCESS = new ClassValue<>() {
        @Override
        protected Access computeValue(Class<?> type) {
            try {
                return find(type);
            } catch (RuntimeException | LinkageError unreadable) {
                return NONE;
            }
        }
    };

    private ResponseHeaders() {
    }

    /** The first value of header {@code name} on {@code value}, or null. */
    static String first(Object value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return firstOf(ACCESS.get(value.getClass()).read(value, name));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreadable) {
            return null;
        }
    }

    private static Access find(Class<?> type) {
        if (implementsHttpResponse(type)) {
            return (value, name) -> ((HttpResponse<?>) value).headers().firstValue(name).orElse(null);
        }
        Method header = publicMethod(type, "header", String.class);
        if (header != null && header.getReturnType() == String.class) {
            return (value, name) -> header.invoke(value, name);
        }
        Method headerString = publicMethod(type, "getHeaderString", String.class);
        if (headerString != null && headerString.getReturnType() == String.class) {
            return (value, name) -> headerString.invoke(value, name);
        }
        Method firstHeader = publicMethod(type, "getFirstHeader", String.class);
        if (firstHeader != null) {
            Method getValue = publicMethod(firstHeader.getReturnType(), "getValue");
            if (getValue != null) {
                return (value, name) -> {
                    Object found = firstHeader.invoke(value, name);
                    return found == null ? null : getValue.invoke(found);
                };
            }
        }
        for (String accessor : HEADER_OBJECTS) {
            Method headers = publicMethod(type, accessor);
            if (headers != null && !headers.getReturnType().isPrimitive()) {
                return (value, name) -> fromHeaderObject(headers.invoke(value), name);
            }
        }
        return NONE;
    }

    /** For a class without headers that holds a response ({@link StatusReader#RESPONSE_HOLDER_NAMES}): that response's. */
    private static Access findHeld(Class<?> type) {
        for (String accessor : StatusReader.RESPONSE_HOLDER_NAMES) {
            Method held = publicMethod(type, accessor);
            if (held != null && !held.getReturnType().isPrimitive()) {
                return (value, name) -> {
                    Object response = held.invoke(value);
                    return response == null ? null : OWN_ACCESS.get(response.getClass()).read(response, name);
                };
            }
        }
        return NONE;
    }

    /** A header object's value for {@code name}: by its own lookup method, or as a map. */
    private static Object fromHeaderObject(Object headers, String name) throws ReflectiveOperationException {
        if (headers == null) {
            return null;
        }
        if (headers instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return null;
        }
        for (String lookup : LOOKUPS) {
            Method method = publicMethod(headers.getClass(), lookup, String.class);
            if (method != null) {
                return method.invoke(headers, name);
            }
        }
        return null;
    }

    /** The first string of what a lookup returned: a string, an {@code Optional}, or a collection. */
    private static String firstOf(Object found) {
        if (found instanceof Optional<?> optional) {
            found = optional.orElse(null);
        }
        if (found instanceof Collection<?> values) {
            found = values.isEmpty() ? null : values.iterator().next();
        }
        return found instanceof String text ? text : null;
    }

    private static boolean implementsHttpResponse(Class<?> type) {
        for (Class<?> supertype : StatusReader.supertypes(type)) {
            if (supertype.getName().equals("java.net.http.HttpResponse")) {
                return true;
            }
        }
        return false;
    }

    /** A public method reachable from outside (through a public supertype when the class is not public), or null. */
    private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getMethod(name, parameters);
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                return null;
            }
            if (!java.lang.reflect.Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
                for (Class<?> supertype : StatusReader.supertypes(type)) {
                    try {
                        return supertype.getMethod(name, parameters);
                    } catch (NoSuchMethodException notHere) {
                        // try the next
                    }
                }
                method.setAccessible(true);
            }
            return method;
        } catch (NoSuchMethodException | SecurityException | java.lang.reflect.InaccessibleObjectException e) {
            return null;
        }
    }
}
