package io.resilienceagent.it.corpus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File-tree chores of the corpus build: finding sources, joining class paths, emptying directories. */
final class SourceFiles {
    private SourceFiles() {
    }

    /** Every file under the roots whose name ends with {@code suffix}, sorted, as strings (for compiler arguments). */
    static List<String> under(String suffix, Path... roots) throws IOException {
        List<String> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(p -> files.add(p.toString()));
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no *" + suffix + " files under " + List.of(roots));
        }
        return files;
    }

    static String classPath(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /** Deletes {@code dir} with everything in it, if it exists, and creates it again, empty. */
    static Path emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** Copies the tree under {@code from}/{@code relative} to {@code to}/{@code relative}. */
    static void copyTree(Path from, String relative, Path to) throws IOException {
        Path source = from.resolve(relative);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
