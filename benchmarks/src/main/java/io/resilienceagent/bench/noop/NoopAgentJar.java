package io.resilienceagent.bench.noop;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;

/**
 * Writes the jars of {@link NoopTransformerAgent} and {@link AsmFloorAgent}, from this module's own
 * classes (and ASM's core package for the second), for a {@code -javaagent:} option.
 */
public final class NoopAgentJar {
    private static final String ASM_PACKAGE = "org/objectweb/asm/";

    private NoopAgentJar() {
    }

    public static Path write(Path dir) throws IOException {
        return write(dir.resolve("noop-transformer-agent.jar"), NoopTransformerAgent.class,
                classFiles(NoopTransformerAgent.class, classPrefix(NoopTransformerAgent.class)));
    }

    public static Path writeAsmFloor(Path dir) throws IOException {
        List<String> entries = new ArrayList<>(classFiles(AsmFloorAgent.class, classPrefix(AsmFloorAgent.class)));
        entries.addAll(classFiles(ClassReader.class, ASM_PACKAGE));
        return write(dir.resolve("asm-floor-agent.jar"), AsmFloorAgent.class, entries);
    }

    private static Path write(Path jar, Class<?> premain, List<String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", premain.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = NoopAgentJar.class.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("missing from the benchmarks' class path: " + entry);
                    }
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /** {@code type}'s class file name less {@code .class}: the prefix of its own and its nested classes' files. */
    private static String classPrefix(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    /**
     * The class files in the jar that holds {@code anchor} whose names start with {@code prefix} and go no
     * deeper into packages: a class and its nested classes, or the classes of one package.
     */
    private static List<String> classFiles(Class<?> anchor, String prefix) throws IOException {
        Path source;
        try {
            source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(source)) { // classes run from a build directory
            try (Stream<Path> files = Files.walk(source)) {
                files.forEach(file -> names.add(source.relativize(file).toString().replace(File.separatorChar, '/')));
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (Enumeration<JarEntry> all = jar.entries(); all.hasMoreElements(); ) {
                    names.add(all.nextElement().getName());
                }
            }
        }
        List<String> entries = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(prefix) && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0
                    && (prefix.endsWith("/") || name.charAt(prefix.length()) == '.' || name.charAt(prefix.length()) == '$')) {
                entries.add(name);
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("no class files named " + prefix + "* in " + source);
        }
        return entries;
    }
}
