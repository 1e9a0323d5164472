package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReaderTest {
    private static final StatusReader READER = StatusReader.DEFAULT;

    @Test
    void readsAnHttpResponse() {
        assertThat(READER.statusOf(new FakeResponse(503))).isEqualTo(503);
    }

    @Test
    void readsEachSupportedAccessorName() {
        assertThat(READER.statusOf(new WithStatusCode())).isEqualTo(501);
        assertThat(READER.statusOf(new WithGetStatusCode())).isEqualTo(502);
        assertThat(READER.statusOf(new WithGetStatus())).isEqualTo(503);
        assertThat(READER.statusOf(new WithStatus())).isEqualTo(504);
        assertThat(READER.statusOf(new WithCode())).isEqualTo(429);
    }

    @Test
    void readsTheAccessorsOfApacheHttpClientAndOlderSpring() {
        assertThat(READER.statusOf(new WithGetCode())).isEqualTo(503);
        assertThat(READER.statusOf(new WithRawStatusCode())).isEqualTo(502);
    }

    @Test
    void readsAStatusObjectWithAnIntValue() {
        assertThat(READER.statusOf(new WithStatusObject(new SpringLikeStatus(503)))).as("Spring's HttpStatusCode.value()").isEqualTo(503);
        assertThat(READER.statusOf(new WithStatusInfo())).as("JAX-RS StatusType.getStatusCode()").isEqualTo(429);
        assertThat(READER.statusOf(new WithStatusObject(null))).as("a null status object").isEqualTo(StatusReader.NO_STATUS);
    }

    @Test
    void readsTheStatusOfTheResponseAJaxRsExceptionHolds() {
        jakarta.ws.rs.core.Response busy = jakarta.ws.rs.core.Response.status(503).build();

        assertThat(READER.statusOf(busy)).as("JAX-RS Response.getStatus()").isEqualTo(503);
        assertThat(READER.statusOf(new jakarta.ws.rs.ServiceUnavailableException(busy))).as("WebApplicationException.getResponse()")
                .isEqualTo(503);
        assertThat(READER.statusOf(new jakarta.ws.rs.WebApplicationException(429))).isEqualTo(429);
        assertThat(READER.statusOf(new jakarta.ws.rs.ProcessingException("no response"))).isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(new HoldsNothing())).as("a held response that is null").isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(new HoldsItself())).as("holders are read one level deep").isEqualTo(StatusReader.NO_STATUS);
    }

    @Test
    void readsAGrpcStatusAsTheHttpStatusOfItsCode() {
        assertThat(READER.statusOf(io.grpc.Status.UNAVAILABLE.withDescription("down").asRuntimeException())).isEqualTo(503);
        assertThat(READER.statusOf(io.grpc.Status.RESOURCE_EXHAUSTED.asException())).isEqualTo(429);
        assertThat(READER.statusOf(io.grpc.Status.DEADLINE_EXCEEDED.asRuntimeException())).isEqualTo(504);
        assertThat(READER.statusOf(io.grpc.Status.UNKNOWN.asRuntimeException())).isEqualTo(500);
        assertThat(READER.statusOf(io.grpc.Status.UNIMPLEMENTED.asRuntimeException())).isEqualTo(501);
        assertThat(READER.statusOf(io.grpc.Status.NOT_FOUND.asRuntimeException())).isEqualTo(404);
        assertThat(READER.statusOf(io.grpc.Status.INVALID_ARGUMENT.asRuntimeException())).isEqualTo(400);
        assertThat(READER.statusOf(io.grpc.Status.UNAUTHENTICATED.asRuntimeException())).isEqualTo(401);
        assertThat(READER.statusOf(io.grpc.Status.CANCELLED.asRuntimeException())).isEqualTo(499);
        assertThat(GrpcStatuses.ofCode(17)).as("a code gRPC does not define").isEqualTo(StatusReader.NO_STATUS);
        for (io.grpc.Status.Code code : io.grpc.Status.Code.values()) {
            assertThat(GrpcStatuses.ofCode(code.value())).as(code.name()).isBetween(200, 599);
        }
    }

    @Test
    void aHeldResponseDeclaredAsObjectOrAnInterfaceIsReadByItsOwnClass() {
        jakarta.ws.rs.core.Response busy = jakarta.ws.rs.core.Response.status(503).build();

        assertThat(READER.statusOf(new HoldsAnything(busy))).as("declared Object").isEqualTo(503);
        assertThat(READER.statusOf(new HoldsGeneric<>(busy))).as("a type variable").isEqualTo(503);
        assertThat(READER.statusOf(new HoldsAnything("not a response"))).isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(new HoldsAnything(new HoldsAnything(busy)))).as("one level deep").isEqualTo(StatusReader.NO_STATUS);
    }

    @Test
    void readsABoxedStatus() {
        assertThat(READER.statusOf(new WithBoxedStatus(504))).isEqualTo(504);
        assertThat(READER.statusOf(new WithBoxedStatus(null))).isEqualTo(StatusReader.NO_STATUS);
    }

    @Test
    void anIntAccessorWinsOverAStatusObject() {
        assertThat(READER.statusOf(new SpringLikeException())).isEqualTo(500);
    }

    @Test
    void configuredAccessorsAreTriedFirst() {
        StatusReader reader = StatusReader.withAccessors(java.util.List.of("httpStatus"));

        assertThat(reader.statusOf(new Exotic())).isEqualTo(503);
        assertThat(READER.statusOf(new Exotic())).as("not a built-in name").isEqualTo(StatusReader.NO_STATUS);
        assertThat(reader.statusOf(new WithCode())).as("the built-in names still apply").isEqualTo(429);
    }

    @Test
    void aConfiguredAccessorReturningAStatusObjectWinsOverABuiltInNameReturningAnInt() {
        StatusReader reader = StatusReader.withAccessors(java.util.List.of("httpStatus"));

        assertThat(reader.statusOf(new Fetched(0, new SpringLikeStatus(503)))).isEqualTo(503);
        assertThat(READER.statusOf(new Fetched(0, new SpringLikeStatus(503)))).as("without it, the built-in code()").isZero();
    }

    /** An application's wrapper: a business code beside the HTTP status. */
    public record Fetched(int code, StatusCodeLike httpStatus) {
    }

    public static final class WithGetCode {
        public int getCode() {
            return 503;
        }
    }

    public static final class WithRawStatusCode {
        public int getRawStatusCode() {
            return 502;
        }
    }

    /** Like Spring 6's {@code HttpStatusCode}. */
    public interface StatusCodeLike {
        int value();
    }

    public record SpringLikeStatus(int value) implements StatusCodeLike {
    }

    public static final class WithStatusObject {
        private final StatusCodeLike status;

        WithStatusObject(StatusCodeLike status) {
            this.status = status;
        }

        public StatusCodeLike getStatusCode() {
            return status;
        }
    }

    /** Like JAX-RS {@code Response.StatusType}. */
    public interface StatusTypeLike {
        int getStatusCode();
    }

    public static final class WithStatusInfo {
        public StatusTypeLike getStatusInfo() {
            return () -> 429;
        }
    }

    public static final class WithBoxedStatus {
        private final Integer status;

        WithBoxedStatus(Integer status) {
            this.status = status;
        }

        public Integer status() {
            return status;
        }
    }

    /** Like Spring 6's {@code HttpServerErrorException}: a status object and a raw int. */
    public static final class SpringLikeException extends RuntimeException {
        public StatusCodeLike getStatusCode() {
            return new SpringLikeStatus(999);
        }

        public int getRawStatusCode() {
            return 500;
        }
    }

    public static final class Exotic {
        public int httpStatus() {
            return 503;
        }
    }

    @Test
    void readsAPublicAccessorOfANonPublicClassThroughItsPublicInterface() {
        assertThat(READER.statusOf(new Hidden())).isEqualTo(418);
    }

    @Test
    void ignoresObjectsWithoutAnIntAccessor() {
        assertThat(READER.statusOf("text")).isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(42)).isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(null)).isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(new WithStringStatus())).isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(new WithStaticStatus())).isEqualTo(StatusReader.NO_STATUS);
    }

    @Test
    void aClassWhoseMethodsCannotBeListedHasNoStatus(@TempDir java.nio.file.Path dir) throws Exception {
        String name = MissingDependency.class.getName().replace('.', '/') + ".class";
        java.nio.file.Path file = dir.resolve(name);
        java.nio.file.Files.createDirectories(file.getParent());
        try (var in = getClass().getClassLoader().getResourceAsStream(name)) {
            java.nio.file.Files.write(file, in.readAllBytes());
        }
        ClassLoader withoutDependency = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                if (className.equals(Absent.class.getName())) {
                    throw new ClassNotFoundException(className);
                }
                if (className.equals(MissingDependency.class.getName())) {
                    synchronized (getClassLoadingLock(className)) {
                        Class<?> loaded = findLoadedClass(className);
                        return loaded != null ? loaded : findClass(className);
                    }
                }
                return super.loadClass(className, resolve);
            }
        };
        Object value = withoutDependency.loadClass(MissingDependency.class.getName()).getConstructor().newInstance();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> value.getClass().getMethod("statusCode"))
                .as("listing its methods fails").isInstanceOf(NoClassDefFoundError.class);

        assertThat(READER.statusOf(value)).isEqualTo(StatusReader.NO_STATUS);
        assertThat(READER.statusOf(value)).as("and again, from the cache").isEqualTo(StatusReader.NO_STATUS);
    }

    /** A type that {@link MissingDependency} names but that its loader cannot find. */
    public static final class Absent {
    }

    /** A result whose public methods name a class that is not installed, as optional dependencies do. */
    public static final class MissingDependency {
        public int statusCode() {
            return 503;
        }

        public void configure(Absent absent) {
        }
    }

    @Test
    void anAccessorThatThrowsMeansNoStatus() {
        assertThat(READER.statusOf(new Throwing())).isEqualTo(StatusReader.NO_STATUS);
    }

    public static final class WithStatusCode {
        public int statusCode() {
            return 501;
        }
    }

    public static final class WithGetStatusCode {
        public int getStatusCode() {
            return 502;
        }
    }

    public static final class WithGetStatus {
        public int getStatus() {
            return 503;
        }
    }

    public static final class WithStatus {
        public int status() {
            return 504;
        }
    }

    public static final class WithCode {
        public int code() {
            return 429;
        }
    }

    public static final class WithStringStatus {
        public String status() {
            return "503";
        }
    }

    public static final class WithStaticStatus {
        public static int status() {
            return 503;
        }
    }

    public static final class Throwing {
        public int statusCode() {
            throw new IllegalStateException("not yet");
        }
    }

    public interface HasStatus {
        int getStatus();
    }

    private static final class Hidden implements HasStatus {
        @Override
        public int getStatus() {
            return 418;
        }
    }

    public static final class HoldsNothing {
        public jakarta.ws.rs.core.Response getResponse() {
            return null;
        }
    }

    public static final class HoldsItself {
        public HoldsItself getResponse() {
            return this;
        }
    }

    public static final class HoldsAnything {
        private final Object response;

        HoldsAnything(Object response) {
            this.response = response;
        }

        public Object getResponse() {
            return response;
        }
    }

    public static final class HoldsGeneric<R> {
        private final R response;

        HoldsGeneric(R response) {
            this.response = response;
        }

        public R response() {
            return response;
        }
    }
}
