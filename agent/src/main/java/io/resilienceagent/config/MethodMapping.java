package io.resilienceagent.config;

import java.util.Objects;

/**
 * One entry of the {@code methods} section: which methods belong to which service.
 *
 * @param pattern the parsed method pattern
 * @param service the service name the methods are mapped to; always a key of {@code services}
 */
public record MethodMapping(MethodPattern pattern, String service) {
    public MethodMapping {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(service, "service");
    }
}
