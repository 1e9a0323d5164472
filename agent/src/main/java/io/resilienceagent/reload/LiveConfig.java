package io.resilienceagent.reload;

import io.resilienceagent.config.ConfigException;
import io.resilienceagent.config.ConfigLoader;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.jmx.AgentView;
import io.resilienceagent.jmx.JmxExporter;
import io.resilienceagent.log.AgentLog;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.weaving.MethodSelector;
import io.resilienceagent.weaving.ResilienceTransformer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The running configuration, and the one place that replaces it. A reload validates the file first: an
 * invalid file changes nothing (one ERROR line per refused change, and {@link #lastReloadError()} holds
 * the problems). A good one updates the services (changed settings apply to calls that start afterwards;
 * breakers keep their state and counts; new services get a breaker and an MXBean; removed ones' methods
 * run unprotected) and, when the {@code methods} section changed, weaves the loaded classes again by the
 * new patterns. Reloads run one at a time.
 */
public final class LiveConfig implements AgentView {
    private final Path file;
    private final ServiceRegistry registry;
    private final ResilienceTransformer transformer;
    private volatile ResilienceConfig config;
    private volatile MethodSelector selector;
    private volatile String lastReloadError = "";
    /**
     * A checksum of the last refused file's content (or of nothing, when it cannot be read) and why it
     * was refused, so that asking again about the same bad or missing file logs once; guarded by this.
     */
    private long lastRefused;
    private String lastRefusedProblems;

    public LiveConfig(Path file, ResilienceConfig config, ServiceRegistry registry, MethodSelector selector,
            ResilienceTransformer transformer) {
        this.file = file.toAbsolutePath();
        this.config = config;
        this.registry = registry;
        this.selector = selector;
        this.transformer = transformer;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized String reload() {
        // the loader checks the size before it reads, and reads no more than the limit
        ResilienceConfig next;
        try {
            next = ConfigLoader.load(file);
        } catch (ConfigException e) {
            return refuse(e.getMessage());
        } catch (RuntimeException e) {
            return refuse("Invalid resilience-agent config " + file + ": cannot read it: " + e);
        }
        lastReloadError = "";
        lastRefused = 0;
        lastRefusedProblems = null;
        apply(next);
        return "OK";
    }

    private String refuse(String problems) {
        lastReloadError = problems;
        long version = checksum(file);
        boolean same = version == lastRefused && problems.equals(lastRefusedProblems);
        lastRefused = version;
        lastRefusedProblems = problems;
        if (!same) {
            AgentLog.error("Config reload refused, keeping the running config: " + problems.replace(System.lineSeparator(), " ")
                    .replace('\n', ' ').replaceAll(" {2,}", " ").strip());
        }
        return problems;
    }

    private void apply(ResilienceConfig next) {
        ResilienceConfig previous = config;
        ServiceRegistry.Changes services = registry.update(next);
        boolean methodsChanged = !next.methods().equals(previous.methods());
        if (methodsChanged) {
            MethodSelector nextSelector = new MethodSelector(next.methods());
            transformer.use(nextSelector);
            selector = nextSelector;
            Set<String> wovenBefore = registry.instrumentedClasses();
            registry.forgetInstrumented(wovenBefore);
            transformer.retransform(wovenBefore);
        }
        config = next;
        JmxExporter.sync(registry);
        if (!services.isEmpty() || methodsChanged) {
            AgentLog.info("Reloaded config " + file + " (" + describe(services, methodsChanged, next) + ")");
        }
    }

    private static String describe(ServiceRegistry.Changes services, boolean methodsChanged, ResilienceConfig next) {
        List<String> parts = new ArrayList<>();
        if (!services.added().isEmpty()) {
            parts.add("added " + String.join(", ", services.added()));
        }
        if (!services.removed().isEmpty()) {
            parts.add("removed " + String.join(", ", services.removed()));
        }
        if (!services.changed().isEmpty()) {
            parts.add("changed " + String.join(", ", services.changed()));
        }
        if (methodsChanged) {
            parts.add("methods changed, " + next.methods().size() + (next.methods().size() == 1 ? " pattern" : " patterns"));
        }
        return String.join("; ", parts);
    }

    /** The CRC-32 of a regular file's content up to just over the size limit; -1 when it cannot be read. */
    private static long checksum(Path file) {
        if (!Files.isRegularFile(file)) {
            return -1; // a pipe, say: reading it could block
        }
        try (InputStream in = new FileInputStream(file.toFile())) {
            CRC32 crc = new CRC32();
            crc.update(in.readNBytes(ConfigLoader.MAX_FILE_BYTES + 1));
            return crc.getValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public String configPath() {
        return file.toString();
    }

    @Override
    public List<String> services() {
        List<String> names = new ArrayList<>();
        for (ServiceSettings settings : config.services().values()) {
            names.add(settings.name());
        }
        return names;
    }

    @Override
    public List<String> instrumentedMethods() {
        return registry.instrumentedMethods();
    }

    @Override
    public List<String> unmatchedPatterns() {
        return selector.unmatchedPatterns();
    }

    @Override
    public String lastReloadError() {
        return lastReloadError;
    }
}
