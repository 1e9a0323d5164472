package io.resilienceagent.weaving;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * One entry of the {@link WovenClassCache}: what weaving a class gave, filed with everything that decided
 * it, so that it is used again only for exactly the same class file woven the same way by the same
 * agent.
 *
 * <p>Format (big-endian, written by {@link DataOutputStream}):
 * <pre>
 *   int magic "RWC2"
 *   int length, bytes: the key (the agent's fingerprint, the class name, each woven method with its
 *                      placeholder id, the async ones; {@link #key}, {@link DispatcherIds})
 *   int length, bytes: the class file as the JVM handed it over
 *   int count, count times (UTF method, UTF why): the methods left unwoven
 *   int length (-1: none could be woven), bytes: the woven class file
 *   int CRC-32 of everything before it
 * </pre>
 */
final class WovenClassEntry {
    private static final int MAGIC = 0x52574332;

    private WovenClassEntry() {
    }

    /** What decides a weave besides the class file, as bytes compared whole: sorted, so equal inputs give equal keys. */
    static byte[] key(String agentFingerprint, String internalName, Map<String, Integer> ids, Set<String> async) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeUTF(agentFingerprint);
            out.writeUTF(internalName);
            Map<String, Integer> sortedIds = new TreeMap<>(ids);
            out.writeInt(sortedIds.size());
            for (Map.Entry<String, Integer> id : sortedIds.entrySet()) {
                out.writeUTF(id.getKey());
                out.writeInt(id.getValue());
            }
            Set<String> sortedAsync = new TreeSet<>(async);
            out.writeInt(sortedAsync.size());
            for (String method : sortedAsync) {
                out.writeUTF(method);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The entry's bytes. */
    static byte[] encode(byte[] key, byte[] classFile, ClassWeaver.Result result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(key.length + classFile.length * 2 + 256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeInt(MAGIC);
            out.writeInt(key.length);
            out.write(key);
            out.writeInt(classFile.length);
            out.write(classFile);
            out.writeInt(result.skipped().size());
            for (Map.Entry<String, String> skipped : result.skipped().entrySet()) {
                out.writeUTF(skipped.getKey());
                out.writeUTF(skipped.getValue());
            }
            byte[] woven = result.classFile();
            out.writeInt(woven == null ? -1 : woven.length);
            if (woven != null) {
                out.write(woven);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The result an entry holds, or null when the entry is for another key or class file, or is not
     * whole (damaged, truncated, or of another format): the caller then weaves again.
     */
    static ClassWeaver.Result decode(byte[] entry, byte[] key, byte[] classFile) {
        if (entry.length < 24 || readInt(entry, 0) != MAGIC) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(entry, 0, entry.length - 4);
        if ((int) crc.getValue() != readInt(entry, entry.length - 4)) {
            return null;
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry, 4, entry.length - 8));
            if (!sameBytes(in, entry, key) || !sameBytes(in, entry, classFile)) {
                return null;
            }
            int skippedCount = in.readInt();
            Map<String, String> skipped = new LinkedHashMap<>();
            for (int i = 0; i < skippedCount; i++) {
                skipped.put(in.readUTF(), in.readUTF());
            }
            int wovenLength = in.readInt();
            byte[] woven = wovenLength < 0 ? null : in.readNBytes(wovenLength);
            if (woven != null && woven.length != wovenLength || in.available() != 0) {
                return null;
            }
            return new ClassWeaver.Result(woven, skipped);
        } catch (IOException | RuntimeException damaged) {
            return null;
        }
    }

    /** Reads a length and compares that many bytes of {@code entry}, where the stream stands, with {@code expected}. */
    private static boolean sameBytes(DataInputStream in, byte[] entry, byte[] expected) throws IOException {
        int length = in.readInt();
        if (length != expected.length) {
            return false;
        }
        int at = entry.length - 4 - in.available();
        if (at < 0 || at + length > entry.length - 4
                || !Arrays.equals(entry, at, at + length, expected, 0, length)) {
            return false;
        }
        in.skipNBytes(length);
        return true;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }
}
