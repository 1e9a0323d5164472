package io.resilienceagent.launch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes packs in the format of {@link AgentPack} (the build's {@code PackAgentJar} writes the real one). */
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
        try {
            List<byte[]> names = new ArrayList<>();
            int offset = 8;
            for (String name : files.keySet()) {
                byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
                names.add(encoded);
                offset += 4 + encoded.length + 8;
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeInt(AgentPack.MAGIC);
            out.writeInt(files.size());
            int i = 0;
            for (byte[] content : files.values()) {
                out.writeInt(names.get(i).length);
                out.write(names.get(i++));
                out.writeInt(offset);
                out.writeInt(content.length);
                offset += content.length;
            }
            for (byte[] content : files.values()) {
                out.write(content);
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
