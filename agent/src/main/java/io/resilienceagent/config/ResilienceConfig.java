package io.resilienceagent.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, validated config file: the services with their merged settings and the method mappings,
 * in file order. Immutable; a reload builds a new one.
 *
 * @param source the file it was read from, if any
 * @param services service name to settings, in file order
 * @param methods method mappings, in file order; the first that matches a method wins
 */
public record ResilienceConfig(Optional<Path> source, Map<String, ServiceSettings> services, List<MethodMapping> methods) {
    public ResilienceConfig {
        Objects.requireNonNull(source, "source");
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        methods = List.copyOf(methods);
    }
}
