package io.resilienceagent.bench.noop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes the jar of {@link NoopTransformerAgent}, from this module's own classes, for a {@code -javaagent:} option. */
public final class NoopAgentJar {
    private NoopAgentJar() {
    }

    public static Path write(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", NoopTransformerAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = dir.resolve("noop-transformer-agent.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (String name : new String[] {"NoopTransformerAgent", "NoopTransformerAgent$1"}) {
                String entry = NoopAgentJar.class.getPackageName().replace('.', '/') + "/" + name + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = NoopAgentJar.class.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
