package io.resilienceagent.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds packs for the tests, with {@link AgentPack#encode}, as the build does. */
final class Packs {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    Packs add(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Adds the class file of a test class, under its jar path. */
    Packs addClass(Class<?> type) {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            return add(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        return AgentPack.encode(new ArrayList<>(files.keySet()), new ArrayList<>(files.values()));
    }
}
