package io.resilienceagent.bench.noop;

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
                List.of("NoopTransformerAgent", "NoopTransformerAgent$1"), List.of());
    }

    public static Path writeAsmFloor(Path dir) throws IOException {
        return write(dir.resolve("asm-floor-agent.jar"), AsmFloorAgent.class,
                List.of("AsmFloorAgent", "AsmFloorAgent$1", "AsmFloorAgent$2", "AsmFloorAgent$3", "AsmFloorAgent$3$1"),
                asmCoreEntries());
    }

    private static Path write(Path jar, Class<?> premain, List<String> ownClasses, List<String> otherEntries)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", premain.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        List<String> entries = new ArrayList<>();
        for (String name : ownClasses) {
            entries.add(NoopAgentJar.class.getPackageName().replace('.', '/') + "/" + name + ".class");
        }
        entries.addAll(otherEntries);
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

    /** The classes of ASM's core package, as the jar that holds {@code ClassReader} names them. */
    private static List<String> asmCoreEntries() throws IOException {
        Path source;
        try {
            source = Path.of(ClassReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(source.toFile())) {
            for (Enumeration<JarEntry> all = jar.entries(); all.hasMoreElements(); ) {
                String name = all.nextElement().getName();
                if (name.startsWith(ASM_PACKAGE) && name.endsWith(".class") && name.indexOf('/', ASM_PACKAGE.length()) < 0) {
                    entries.add(name);
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("no ASM classes in " + source);
        }
        return entries;
    }
}
