package io.resilienceagent.it.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Writes a jar holding only a manifest, {@code Main-Class} plus a {@code Class-Path} of absolute
 * {@code file:} URLs, so that {@code ChildJvm.on(jdk).jar(launcher)} runs an application with any class
 * path (extra jars, generated classes), the way packaged applications are usually started.
 */
public final class LauncherJar {
    private LauncherJar() {
    }

    /** Writes {@code jar}; directories on {@code classPath} must exist (their URLs need the trailing slash). */
    public static Path write(Path jar, String mainClass, List<Path> classPath) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, mainClass);
        main.put(Attributes.Name.CLASS_PATH, classPath.stream()
                .map(p -> p.toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" ")));
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + jar, e);
        }
    }
}
