import io.resilienceagent.launch.AgentPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * program, so it is never part of the agent; the pack itself is written by {@code AgentPack.encode}, from
 * the compiled classes on its class path, the same code that reads it): rewrites the shaded jar so that only META-INF and the
 * launch package ({@code io/resilienceagent/launch/}) stay ordinary jar entries, and every other class
 * and resource moves into one stored entry, {@code META-INF/resilience-agent/agent.pack}, which the
 * agent's {@code AgentClassLoader} reads at start-up.
 *
 * <p>The relocated libraries ({@code io/resilienceagent/shaded/}) are also kept as ordinary entries, so
 * that the jar's listing shows what it bundles and under which names (as dependency audits expect); the agent never loads those copies.
 *
 * <p>Usage: {@code java -cp target/classes PackAgentJar.java path/to/resilience-agent.jar}
 */
public final class PackAgentJar {
    static final String PACK = AgentPack.RESOURCE;
    static final String LAUNCH = "io/resilienceagent/launch/";
    static final String SHADED = "io/resilienceagent/shaded/";

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
            writeStored(out, PACK, AgentPack.encode(names, contents), time);
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
