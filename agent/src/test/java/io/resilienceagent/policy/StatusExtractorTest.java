package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusExtractorTest {
    @Test
    void readsAnHttpResponse() {
        assertThat(StatusExtractor.statusOf(new FakeResponse(503))).isEqualTo(503);
    }

    @Test
    void readsEachSupportedAccessorName() {
        assertThat(StatusExtractor.statusOf(new WithStatusCode())).isEqualTo(501);
        assertThat(StatusExtractor.statusOf(new WithGetStatusCode())).isEqualTo(502);
        assertThat(StatusExtractor.statusOf(new WithGetStatus())).isEqualTo(503);
        assertThat(StatusExtractor.statusOf(new WithStatus())).isEqualTo(504);
        assertThat(StatusExtractor.statusOf(new WithCode())).isEqualTo(429);
    }

    @Test
    void readsAPublicAccessorOfANonPublicClassThroughItsPublicInterface() {
        assertThat(StatusExtractor.statusOf(new Hidden())).isEqualTo(418);
    }

    @Test
    void ignoresObjectsWithoutAnIntAccessor() {
        assertThat(StatusExtractor.statusOf("text")).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(42)).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(null)).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(new WithStringStatus())).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(new WithStaticStatus())).isEqualTo(StatusExtractor.NO_STATUS);
    }

    @Test
    void aClassWhoseMethodsCannotBeListedHasNoStatus() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("status");
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

        assertThat(StatusExtractor.statusOf(value)).isEqualTo(StatusExtractor.NO_STATUS);
        assertThat(StatusExtractor.statusOf(value)).as("and again, from the cache").isEqualTo(StatusExtractor.NO_STATUS);
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
        assertThat(StatusExtractor.statusOf(new Throwing())).isEqualTo(StatusExtractor.NO_STATUS);
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
}
