package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderFileTest {
    @TempDir
    Path dir;

    private static ConfigException loadFailure(Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).as("expected %s to be rejected", file).isNotNull();
        return e;
    }

    @Test
    void validFileLoadsAndRemembersWhereItCameFrom() throws Exception {
        Path file = Files.writeString(dir.resolve("resilience.yaml"), "services:\n  api: {}\n");

        ResilienceConfig config = ConfigLoader.load(file);

        assertThat(config.source()).contains(file);
        assertThat(config.services()).containsOnlyKeys("api");
    }

    @Test
    void problemsInAFileAreReportedAgainstItsPath() throws IOException {
        Path file = Files.writeString(dir.resolve("resilience.yaml"), "services:\n  api:\n    retry: { maxAtempts: 3 }\n");

        ConfigException e = loadFailure(file);

        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.getMessage()).startsWith("Invalid resilience-agent config " + file + " (1 problem):");
        assertThat(e.getMessage()).contains(file + ":3:14: services.api.retry.maxAtempts: unknown key; did you mean 'maxAttempts'?");
    }

    @Test
    void missingFileIsReportedWithoutAPosition() {
        Path file = dir.resolve("nope.yaml");

        ConfigException e = loadFailure(file);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.hasPosition()).isFalse();
            assertThat(p.message()).startsWith("file not found");
        });
        assertThat(e.getMessage()).contains("  " + file + ": file not found");
    }

    @Test
    void directoryIsRefused() {
        ConfigException e = loadFailure(dir);

        assertThat(e.problems().get(0).message()).startsWith("this is a directory; point to the YAML file itself");
    }

    @Test
    void fileLargerThanOneMebibyteIsRefusedByItsSize() throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(2L * 1024 * 1024);
        }

        ConfigException e = loadFailure(file);

        assertThat(e.problems().get(0).message())
                .isEqualTo("the file is 2097152 bytes; the limit is 1 MiB (1048576 bytes), far more than any config needs; "
                        + "is this the right file?");
    }

    @Test
    void binaryGarbageIsRefusedAsNotUtf8() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(42).nextBytes(bytes);
        Path file = Files.write(dir.resolve("garbage.yaml"), bytes);

        ConfigException e = loadFailure(file);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.hasPosition()).isTrue();
            assertThat(p.message()).contains("is not UTF-8 text").contains("is this a binary file?");
        });
    }

    @Test
    void invalidUtf8IsLocatedByLineAndColumn() throws IOException {
        byte[] head = "services:\n  äpi: {}\n  b".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xFF;
        Path file = Files.write(dir.resolve("latin1.yaml"), bytes);

        ConfigProblem problem = loadFailure(file).problems().get(0);

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(4);
        assertThat(problem.message()).startsWith("the file is not UTF-8 text (byte 0xFF at offset " + head.length + ")");
    }

    @Test
    void emptyFileAndCommentOnlyFileNeedAServicesSection() throws IOException {
        for (String content : new String[] {"", "# nothing here\n\n   # still nothing\n", "---\n", "~\n"}) {
            Path file = Files.writeString(dir.resolve("empty.yaml"), content);

            ConfigProblem problem = loadFailure(file).problems().get(0);

            assertThat(problem.message()).as("content %s", content)
                    .isEqualTo("the file is empty; it needs at least a `services` section");
            assertThat(problem.line()).isEqualTo(1);
        }
    }

    @Test
    void unreadableFileIsReported() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file");
        Path file = Files.writeString(dir.resolve("secret.yaml"), "services: {}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "the file is still readable (running with elevated rights?)");

        ConfigException e = loadFailure(file);

        assertThat(e.problems().get(0).message()).startsWith("cannot read the file: permission denied");
    }
}
