package io.resilienceagent.launch;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The agent's entry points ({@code Premain-Class} and {@code Agent-Class}), loaded by the system class
 * loader from the agent jar. It creates the {@link AgentClassLoader} once per JVM and starts the agent
 * inside it; nothing else of the agent is visible from the system class loader.
 */
public final class AgentEntry {
    private static final String START_CLASS = "io.resilienceagent.startup.AgentStart";

    private static ClassLoader agentLoader;
    private static volatile AgentMain main;

    private AgentEntry() {
    }

    /** Called before {@code main} for {@code -javaagent:resilience-agent.jar=ARGS}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    /** Called when the agent is attached to a running JVM. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    /**
     * Called by the agent's start class, from the agent class loader, when it is initialised; the first
     * registration stands.
     */
    public static void register(AgentMain started) {
        synchronized (AgentEntry.class) {
            if (main == null) {
                main = started;
            }
        }
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
        long started = System.nanoTime();
        try {
            Class.forName(START_CLASS, true, agentLoader()); // its initialiser registers it
            AgentMain registered = main;
            if (registered == null) {
                throw new IllegalStateException(START_CLASS + " did not register itself");
            }
            registered.start(arguments, instrumentation, attached, started);
        } catch (Throwable e) {
            cannotStart(e);
        }
    }

    /**
     * The one agent class loader of this JVM, created on first use; a second attach reuses it, so the
     * agent inside can tell that it already runs.
     */
    static synchronized ClassLoader agentLoader() throws IOException {
        if (agentLoader == null) {
            CodeSource source = AgentEntry.class.getProtectionDomain().getCodeSource();
            agentLoader = new AgentClassLoader(AgentPack.parse(readPack(source)), source,
                    ClassLoader.getPlatformClassLoader());
        }
        return agentLoader;
    }

    /** Reads the pack straight from the jar: cheaper at start-up than a resource lookup through class loaders. */
    private static byte[] readPack(CodeSource source) throws IOException {
        Path jar;
        try {
            jar = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot locate the agent jar from " + source.getLocation(), e);
        }
        if (jar == null) {
            throw new IOException("cannot tell which jar the agent was loaded from");
        }
        // a ZipFile, not a JarFile: nothing here needs the manifest or signature checks a JarFile reads first
        try (ZipFile file = new ZipFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(AgentPack.RESOURCE);
            if (entry == null) {
                throw new IOException(jar + " has no " + AgentPack.RESOURCE + "; use the jar the build produces "
                        + "(agent/target/resilience-agent.jar), not one repackaged");
            }
            try (InputStream in = file.getInputStream(entry)) {
                return entry.getSize() >= 0 && entry.getSize() <= Integer.MAX_VALUE
                        ? in.readNBytes((int) entry.getSize()) : in.readAllBytes();
            }
        }
    }

    private static void cannotStart(Throwable problem) {
        System.err.println("ERROR resilience-agent cannot start, the application runs without it: " + problem);
    }
}
