package io.resilienceagent.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The agent's own classes and resources, packed by the build into one entry of the agent jar
 * ({@value #RESOURCE}) so that start-up reads them with one read instead of one jar lookup per class.
 *
 * <p>Format (all integers big-endian; {@link #encode} writes it, for the build step
 * {@code agent/src/build/PackAgentJar.java} and the tests):
 * <pre>
 *   int magic "RAP1"; int count;
 *   count times: int nameLength; nameLength bytes of UTF-8 name (a jar path such as a/b/C.class);
 *                int offset (from the start of the pack); int length
 *   the contents, at the offsets given
 * </pre>
 */
public final class AgentPack {
    /** The jar entry that holds the pack. */
    public static final String RESOURCE = "META-INF/resilience-agent/agent.pack";
    /**
     * A resource the agent's class loader serves: the pack's {@link #fingerprint()}, which tells one build
     * of the agent's code from another (the woven-class cache keys its entries with it).
     */
    public static final String FINGERPRINT_RESOURCE = "META-INF/resilience-agent/agent.pack.fingerprint";
    static final int MAGIC = 0x52415031;

    private final byte[] data;
    private final Map<String, Entry> entries;
    private volatile String fingerprint;

    private AgentPack(byte[] data, Map<String, Entry> entries) {
        this.data = data;
        this.entries = entries;
    }

    /** A pack of these files: {@code names[i]} (jar paths) holds {@code contents[i]}. */
    public static byte[] encode(List<String> names, List<byte[]> contents) {
        List<byte[]> encodedNames = new ArrayList<>();
        int indexSize = 8;
        int contentSize = 0;
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            encodedNames.add(name);
            indexSize += 4 + name.length + 8;
            contentSize += contents.get(i).length;
        }
        byte[] pack = new byte[indexSize + contentSize];
        writeInt(pack, 0, MAGIC);
        writeInt(pack, 4, names.size());
        int position = 8;
        int offset = indexSize;
        for (int i = 0; i < names.size(); i++) {
            byte[] name = encodedNames.get(i);
            byte[] content = contents.get(i);
            writeInt(pack, position, name.length);
            System.arraycopy(name, 0, pack, position + 4, name.length);
            position += 4 + name.length;
            writeInt(pack, position, offset);
            writeInt(pack, position + 4, content.length);
            position += 8;
            System.arraycopy(content, 0, pack, offset, content.length);
            offset += content.length;
        }
        return pack;
    }

    /** Reads the index of a pack; the contents stay where they are in {@code data}. */
    static AgentPack parse(byte[] data) throws IOException {
        if (data.length < 8 || readInt(data, 0) != MAGIC) {
            throw new IOException(RESOURCE + " is not an agent pack; rebuild the agent jar");
        }
        int count = readInt(data, 4);
        if (count < 0 || count > data.length / 12) {
            throw new IOException(RESOURCE + " is damaged (it claims " + count + " files); rebuild the agent jar");
        }
        Map<String, Entry> entries = new HashMap<>(Math.max(16, count * 2));
        int position = 8;
        try {
            for (int i = 0; i < count; i++) {
                int nameLength = readInt(data, position);
                String name = new String(data, position + 4, nameLength, StandardCharsets.UTF_8);
                position += 4 + nameLength;
                int offset = readInt(data, position);
                int length = readInt(data, position + 4);
                position += 8;
                if (offset < 0 || length < 0 || offset > data.length - length) {
                    throw new IOException(RESOURCE + " is damaged at " + name + "; rebuild the agent jar");
                }
                entries.put(name, new Entry(offset, length));
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(RESOURCE + " is truncated; rebuild the agent jar", e);
        }
        return new AgentPack(data, entries);
    }

    /** The packed file of this jar path, or null when the pack holds none. */
    Entry find(String path) {
        return entries.get(path);
    }

    /**
     * Two checksums of the whole pack (CRC-32 and CRC-32C, different polynomials) and its length:
     * {@code 8 hex digits-8 hex digits-length}. Computed at the first request, about a millisecond.
     */
    String fingerprint() {
        String known = fingerprint;
        if (known == null) {
            CRC32 crc32 = new CRC32();
            crc32.update(data, 0, data.length);
            CRC32C crc32c = new CRC32C();
            crc32c.update(data, 0, data.length);
            known = Long.toHexString(crc32.getValue()) + "-" + Long.toHexString(crc32c.getValue()) + "-" + data.length;
            fingerprint = known;
        }
        return known;
    }

    /** The array every {@link Entry} points into; never modified. */
    byte[] data() {
        return data;
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }

    /** Where one packed file lies in {@link #data()}. */
    record Entry(int offset, int length) {
    }
}
