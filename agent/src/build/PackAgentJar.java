import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step, run by the agent module's pom right after the shade plugin (as a single-file Java
 * program, so it is never part of the agent): rewrites the shaded jar so that only META-INF and the
 * launch package ({@code io/resilienceagent/launch/}) stay ordinary jar entries, and every other class
 * and resource moves into one stored entry, {@code META-INF/resilience-agent/agent.pack}, which the
 * agent's {@code AgentClassLoader} reads at start-up. The format is described in {@code AgentPack}.
 *
 * <p>The relocated libraries ({@code io/resilienceagent/shaded/}) are also kept as ordinary entries, so
 * that the jar's listing shows what it bundles and under which names (as dependency audits and the
 * contract expect); the agent never loads those copies.
 *
 * <p>Usage: {@code java PackAgentJar.java path/to/resilience-agent.jar}
 */
public final class PackAgentJar {
    static final String PACK = "META-INF/resilience-agent/agent.pack";
    static final String LAUNCH = "io/resilienceagent/launch/";
    static final String SHADED = "io/resilienceagent/shaded/";
    static final int MAGIC = 0x52415031;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java PackAgentJar.java AGENT_JAR");
        }
        Path jar = Path.of(args[0]);
        Path packed = jar.resolveSibling(jar.getFileName() + ".packing");
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        long time = 0;
        try (ZipFile shaded = new ZipFile(jar.toFile())) {
            if (shaded.getEntry(PACK) != null) {
                throw new IOException(jar + " is already packed; the jar plugin must rebuild it from target/classes");
            }
        }
        boolean done = false;
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(packed);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.equals("META-INF/MANIFEST.MF")) {
                    time = entry.getTime();
                }
                byte[] content;
                try (InputStream data = in.getInputStream(entry)) {
                    content = data.readAllBytes();
                }
                boolean intoPack = !name.startsWith("META-INF/") && !name.startsWith(LAUNCH);
                if (intoPack) {
                    names.add(name);
                    contents.add(content);
                }
                if (!intoPack || name.startsWith(SHADED)) {
                    out.putNextEntry(copyOf(entry));
                    out.write(content);
                    out.closeEntry();
                }
            }
            if (names.isEmpty()) {
                throw new IOException(jar + " holds nothing to pack");
            }
            writeStored(out, PACK, pack(names, contents), time);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(packed);
            }
        }
        Files.move(packed, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[pack] " + names.size() + " classes and resources of " + jar.getFileName() + " moved into " + PACK);
    }

    private static ZipEntry copyOf(ZipEntry entry) {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        return copy;
    }

    static byte[] pack(List<String> names, List<byte[]> contents) throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        int indexSize = 8;
        for (String name : names) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            encoded.add(bytes);
            indexSize += 4 + bytes.length + 8;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(MAGIC);
        out.writeInt(names.size());
        int offset = indexSize;
        for (int i = 0; i < names.size(); i++) {
            out.writeInt(encoded.get(i).length);
            out.write(encoded.get(i));
            out.writeInt(offset);
            out.writeInt(contents.get(i).length);
            offset += contents.get(i).length;
        }
        for (byte[] content : contents) {
            out.write(content);
        }
        out.flush();
        return buffer.toByteArray();
    }

    /** Stored, not deflated: the agent reads it at every start, and inflating it would cost more than the bytes saved. */
    private static void writeStored(ZipOutputStream out, String name, byte[] data, long time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTime(time);
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }
}
