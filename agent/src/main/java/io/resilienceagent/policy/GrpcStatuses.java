package io.resilienceagent.policy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * gRPC's status ({@code io.grpc.Status}, which {@code StatusRuntimeException.getStatus()} and
 * {@code StatusException.getStatus()} return) read as the HTTP status gRPC's HTTP mapping gives its code
 * ({@code UNAVAILABLE} 503, {@code RESOURCE_EXHAUSTED} 429, {@code DEADLINE_EXCEEDED} 504, {@code UNKNOWN},
 * {@code INTERNAL} and {@code DATA_LOSS} 500, {@code UNIMPLEMENTED} 501, the rest 4xx), so that
 * {@code retryOnStatus} decides for a gRPC call as for an HTTP one. Read through gRPC's public API, found
 * by name: the agent has no gRPC of its own.
 */
final class GrpcStatuses {
    static final String STATUS_CLASS = "io.grpc.Status";
    /** By gRPC code number, 0 (OK) to 16 (UNAUTHENTICATED). */
    private static final int[] HTTP_STATUS = {200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401};
    private static final MethodHandle OF_CODE;

    static {
        try {
            OF_CODE = MethodHandles.lookup().findStatic(GrpcStatuses.class, "ofCode", MethodType.methodType(int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private GrpcStatuses() {
    }

    /** For {@code io.grpc.Status} ({@code statusType}): {@code (Object status) -> int}, the HTTP status of its code; null if its API is not as expected. */
    static MethodHandle httpStatusOf(Class<?> statusType) {
        Method getCode = StatusReader.publicGetter(statusType, "getCode");
        Method value = getCode == null ? null : StatusReader.publicGetter(getCode.getReturnType(), "value");
        if (value == null || value.getReturnType() != int.class) {
            return null;
        }
        MethodHandle code = StatusReader.unreflect(getCode);
        MethodHandle number = StatusReader.unreflect(value);
        if (code == null || number == null) {
            return null;
        }
        MethodHandle codeNumber = MethodHandles.filterReturnValue(code.asType(MethodType.methodType(Object.class, Object.class)),
                number.asType(MethodType.methodType(int.class, Object.class)));
        return MethodHandles.filterReturnValue(codeNumber, OF_CODE);
    }

    /** The HTTP status of gRPC code {@code code}; {@link StatusReader#NO_STATUS} for a code gRPC does not define. */
    static int ofCode(int code) {
        return code >= 0 && code < HTTP_STATUS.length ? HTTP_STATUS[code] : StatusReader.NO_STATUS;
    }
}
