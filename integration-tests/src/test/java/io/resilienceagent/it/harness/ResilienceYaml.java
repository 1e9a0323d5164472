package io.resilienceagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a resilience.yaml for a child JVM.
 *
 * <pre>
 * Path config = ResilienceYaml.create()
 *         .service("api", ResilienceYaml.FAST_RETRY, "circuitBreaker: { failureThreshold: 100 }")
 *         .method("com.example.app.ApiClient.get", "api")
 *         .writeTo(tempDir);
 * </pre>
 *
 * Each string given to {@link #service} is one YAML line under the service (flow style is handy).
 */
public final class ResilienceYaml {
    /** Three attempts, waits of 50 ms then 100 ms: retries without slowing the tests down. */
    public static final String FAST_RETRY = "retry: { maxAttempts: 3, minWait: 50ms, maxWait: 200ms, multiplier: 0.05 }";
    /** A breaker that does not open during a scenario about retries. */
    public static final String LENIENT_BREAKER = "circuitBreaker: { failureThreshold: 1000 }";

    private final List<String> defaults = new ArrayList<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final Map<String, String> methods = new LinkedHashMap<>();

    private ResilienceYaml() {
    }

    public static ResilienceYaml create() {
        return new ResilienceYaml();
    }

    /** Lines under {@code defaults:}. */
    public ResilienceYaml defaults(String... lines) {
        defaults.addAll(List.of(lines));
        return this;
    }

    public ResilienceYaml service(String name, String... lines) {
        services.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(lines));
        return this;
    }

    public ResilienceYaml method(String pattern, String service) {
        methods.put(pattern, service);
        return this;
    }

    public String text() {
        StringBuilder yaml = new StringBuilder();
        if (!defaults.isEmpty()) {
            yaml.append("defaults:\n");
            defaults.forEach(l -> yaml.append("  ").append(l).append('\n'));
        }
        yaml.append("services:\n");
        services.forEach((name, lines) -> {
            yaml.append("  ").append(name).append(':');
            if (lines.isEmpty()) {
                yaml.append(" {}\n");
            } else {
                yaml.append('\n');
                lines.forEach(l -> yaml.append("    ").append(l).append('\n'));
            }
        });
        yaml.append("methods:\n");
        methods.forEach((pattern, service) -> yaml.append("  \"").append(pattern).append("\": ").append(service).append('\n'));
        return yaml.toString();
    }

    /** Writes {@code resilience.yaml} into {@code dir} and returns its path. */
    public Path writeTo(Path dir) {
        return write(dir.resolve("resilience.yaml"), text());
    }

    /** Writes arbitrary text (a broken config, say) to {@code file}, in place: it is empty while being rewritten. */
    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces {@code file} with {@code text} in one step, as config-management tools do: written to a
     * file beside it, then renamed over it, so a reader sees the old text or the new, never an empty or
     * partial file however long the writer is held up.
     */
    public static Path replace(Path file, String text) {
        try {
            Path next = Files.createTempFile(file.toAbsolutePath().getParent(), ".next-", ".yaml");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            return Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
