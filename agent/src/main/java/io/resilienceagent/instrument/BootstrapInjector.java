package io.resilienceagent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the few classes that advice code calls ({@code io.resilienceagent.bootstrap.*} and
 * {@code io.resilienceagent.CircuitBreakerOpenException}) visible from every class loader, by copying
 * them from the agent jar into a small temporary jar appended to the bootstrap class path.
 */
final class BootstrapInjector {
    static final String BOOTSTRAP_PACKAGE = "io/resilienceagent/bootstrap/";
    static final String OPEN_EXCEPTION = "io/resilienceagent/CircuitBreakerOpenException.class";

    private BootstrapInjector() {
    }

    /** Returns false, after one line on stderr, if the agent cannot run at all. */
    static boolean inject(Instrumentation instrumentation) {
        try {
            Path agentJar = agentJar();
            Path bootstrapJar = Files.createTempFile("resilience-agent-bootstrap-", ".jar");
            bootstrapJar.toFile().deleteOnExit();
            try (JarFile source = new JarFile(agentJar.toFile());
                    OutputStream file = Files.newOutputStream(bootstrapJar);
                    JarOutputStream target = new JarOutputStream(file)) {
                copyBootstrapEntries(source, target);
            }
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootstrapJar.toFile()));
            return true;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            System.err.println("ERROR resilience-agent cannot start, the application runs without it: " + e);
            return false;
        }
    }

    private static Path agentJar() throws URISyntaxException {
        CodeSource source = BootstrapInjector.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("the agent jar's location is unknown");
        }
        return Path.of(source.getLocation().toURI());
    }

    private static void copyBootstrapEntries(JarFile source, JarOutputStream target) throws IOException {
        Enumeration<JarEntry> entries = source.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            boolean wanted = name.equals(OPEN_EXCEPTION)
                    || (name.startsWith(BOOTSTRAP_PACKAGE) && name.endsWith(".class"));
            if (wanted) {
                target.putNextEntry(new JarEntry(name));
                try (InputStream in = source.getInputStream(entry)) {
                    in.transferTo(target);
                }
                target.closeEntry();
            }
        }
    }
}
