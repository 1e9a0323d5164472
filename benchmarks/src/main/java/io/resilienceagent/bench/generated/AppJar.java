package io.resilienceagent.bench.generated;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the generated application as one ordinary, compressed jar: its main class and helper (copied
 * from this harness's own classes), the list of classes to load and of methods to verify, and every
 * class of the {@link AppLayout}, written by {@link ClassBytes}.
 */
public final class AppJar {
    /** The generated application's main class, for {@code -cp jar MAIN}. */
    public static final String MAIN_CLASS = "com.example.bench.generated.GeneratedAppMain";
    private static final List<String> APP_CLASSES = List.of(MAIN_CLASS,
            "com.example.bench.generated.FirstCallFails");

    private AppJar() {
    }

    /** Writes {@code jar}; returns the layout it holds. */
    static AppLayout write(Path jar, int classCount) throws IOException {
        AppLayout layout = AppLayout.plan(classCount);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, MAIN_CLASS);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String name : APP_CLASSES) {
                String resource = name.replace('.', '/') + ".class";
                try (InputStream in = AppJar.class.getResourceAsStream("/" + resource)) {
                    if (in == null) {
                        throw new IOException("missing class " + name);
                    }
                    entry(out, resource, in.readAllBytes());
                }
            }
            StringBuilder classes = new StringBuilder();
            for (TypeSpec type : layout.types()) {
                classes.append(type.name()).append('\n');
            }
            entry(out, "META-INF/generated-app/classes.txt", classes.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder targets = new StringBuilder();
            for (AppLayout.Target target : layout.targets()) {
                targets.append(target.key()).append('\n');
            }
            entry(out, "META-INF/generated-app/targets.txt", targets.toString().getBytes(StandardCharsets.UTF_8));
            for (TypeSpec type : layout.types()) {
                entry(out, type.internalName() + ".class", ClassBytes.of(type));
            }
        }
        return layout;
    }

    private static void entry(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
