package io.resilienceagent.it.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory laid out as the kubelet lays out a mounted ConfigMap volume: the file the application
 * names, {@code dir/resilience.yaml}, is a symbolic link to {@code ..data/resilience.yaml}, and
 * {@code ..data} is a link to a timestamped directory holding the current version. An update writes the
 * new version into a new timestamped directory, points {@code ..data_tmp} at it, renames that over
 * {@code ..data} in one atomic step and deletes the old directory; the path the agent watches never
 * changes.
 */
final class ConfigMapVolume {
    static final String FILE = "resilience.yaml";

    private final Path dir;
    private Path current;

    private ConfigMapVolume(Path dir) {
        this.dir = dir;
    }

    /** Creates the volume with its first version in {@code ..2026_11_30_01}. */
    static ConfigMapVolume create(Path dir, String firstVersion) {
        ConfigMapVolume volume = new ConfigMapVolume(dir);
        try {
            volume.current = volume.writeVersion("..2026_11_30_01", firstVersion, null);
            Files.createSymbolicLink(dir.resolve("..data"), volume.current.getFileName());
            Files.createSymbolicLink(dir.resolve(FILE), Path.of("..data", FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return volume;
    }

    /** The path the application is given: the link {@code dir/resilience.yaml}. */
    Path file() {
        return dir.resolve(FILE);
    }

    /**
     * Publishes {@code text} as the new version in {@code timestampDir}, as the kubelet does; the new file
     * keeps the old one's modification time (and, when the texts are as long, its size), so that only
     * where the links lead tells the versions apart. Returns the {@link System#nanoTime()} just after the swap.
     */
    long update(String timestampDir, String text) {
        try {
            FileTime previousTime = Files.getLastModifiedTime(current.resolve(FILE));
            Path next = writeVersion(timestampDir, text, previousTime);
            Path tmp = dir.resolve("..data_tmp");
            Files.createSymbolicLink(tmp, next.getFileName());
            Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            long swapped = System.nanoTime();
            deleteTree(current);
            current = next;
            return swapped;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeVersion(String timestampDir, String text, FileTime modified) throws IOException {
        Path version = Files.createDirectory(dir.resolve(timestampDir));
        Path file = Files.writeString(version.resolve(FILE), text, StandardCharsets.UTF_8);
        if (modified != null) {
            Files.setLastModifiedTime(file, modified);
        }
        return version;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
