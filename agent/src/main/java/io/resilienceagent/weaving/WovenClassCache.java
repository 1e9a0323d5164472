package io.resilienceagent.weaving;

import io.resilienceagent.launch.AgentPack;
import io.resilienceagent.log.AgentLog;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * The woven-class cache, turned on with the agent argument {@code cache=DIR}: what weaving a class gave
 * is kept in a file under DIR, and a later start of the application uses it instead of weaving the
 * class again. Weaving costs ASM reading, analysing, writing and checking the class in a JVM that has
 * not compiled ASM yet (a fraction of a millisecond to over one per class, and the compiling); using
 * an entry costs a file read and a comparison.
 *
 * <p>An entry is used only for exactly what it was made from: its checksum must hold, and its key (this
 * build of the agent, the class name, the woven methods, the async ones) and the class file it was woven
 * from must equal the present ones byte for byte; anything else is woven again and the entry replaced.
 * The woven code in it passed the weaver's check when it was written. It holds placeholders for the
 * methods' {@code Dispatcher} ids, which depend on the order classes load in; the ids of this start are
 * set in the copy it serves ({@link DispatcherIds}).
 * Whoever can write the directory can change the code the application runs, so it is used only when no
 * one but its owner can write it and its owner is the JVM's user or root (on file systems with POSIX
 * permissions); a directory it creates is its user's alone. Entries are written to a temporary file and
 * moved into place, so JVMs sharing the directory never read half of one. Each build of the agent keeps
 * its entries in a subdirectory named by its fingerprint; nothing is ever deleted, and a subdirectory
 * takes at most {@value #MAX_ENTRIES} entries (classes generated under a new name at every start, woven
 * through an interface a pattern names, would otherwise fill it without end).
 */
public final class WovenClassCache {
    /** No cache: every class is woven. (Nothing of the file-system API is loaded for it.) */
    public static final WovenClassCache NONE = new WovenClassCache(null, null, "", 0);
    /** The most entries one agent build's subdirectory takes; beyond, classes are woven without being kept. */
    static final int MAX_ENTRIES = 10_000;

    private final Path dir;
    /** What the directory was when it was checked at start ({@link PrivateDirectory#identity}). */
    private final Object dirIdentity;
    private final String agentFingerprint;
    private final int maxEntries;
    /** Set once the directory is found removed or replaced: the cache is then no longer used. */
    private final AtomicBoolean replaced = new AtomicBoolean();
    private final AtomicInteger fromCache = new AtomicInteger();
    private final AtomicBoolean writeFailureReported = new AtomicBoolean();
    /** How many more entries may be written, counted from the directory at the first write; guarded by this, as is fullReported. */
    private int entriesLeft = -1;
    private boolean fullReported;

    private WovenClassCache(Path dir, Object dirIdentity, String agentFingerprint, int maxEntries) {
        this.dir = dir;
        this.dirIdentity = dirIdentity;
        this.agentFingerprint = agentFingerprint;
        this.maxEntries = maxEntries;
    }

    /**
     * The cache in {@code directory} for the running build of the agent; {@link #NONE}, with one WARN line
     * saying why and what to do, when it cannot be used. Never throws: the application starts either way.
     */
    public static WovenClassCache open(String directory) {
        try {
            String fingerprint = runningAgentFingerprint();
            if (fingerprint == null) {
                throw new IOException("the agent's classes carry no fingerprint (it does not run from its jar)");
            }
            return open(Path.of(directory), fingerprint);
        } catch (IOException | RuntimeException e) {
            AgentLog.warn("resilience-agent: the woven-class cache " + directory
                    + " is not used, classes are woven at every start: " + reason(e, directory));
            return NONE;
        }
    }

    /**
     * Why the cache cannot be used, for the WARN line: the file system's exceptions name only a path,
     * and the usual one is a directory another user filled (in a training run, say) that this JVM's user
     * may not read.
     */
    static String reason(Exception e, String directory) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile() + " to the JVM's user ("
                    + PrivateDirectory.jvmUser() + "); let it read and enter " + directory
                    + " (for one another user filled: chmod -R go+rX " + directory + ") or name another";
        }
        if (e instanceof FileSystemException failed) {
            return e.getClass().getSimpleName() + " on " + failed.getFile()
                    + (failed.getReason() == null ? "" : ": " + failed.getReason());
        }
        return e.getMessage();
    }

    /** The cache in {@code directory}, for the agent build {@code agentFingerprint}; creates what is missing. */
    static WovenClassCache open(Path directory, String agentFingerprint) throws IOException {
        return open(directory, agentFingerprint, MAX_ENTRIES);
    }

    /** The same, taking at most {@code maxEntries} entries. */
    static WovenClassCache open(Path directory, String agentFingerprint, int maxEntries) throws IOException {
        Path root = PrivateDirectory.create(directory.toAbsolutePath());
        Path dir;
        try {
            dir = PrivateDirectory.createIn(root, agentFingerprint);
        } catch (AccessDeniedException denied) {
            if (Files.isReadable(root) && Files.isExecutable(root) && !Files.exists(root.resolve(agentFingerprint))) {
                throw new IOException(root + " holds no entries of this build of the agent, and the JVM's user ("
                        + PrivateDirectory.jvmUser() + ") may not add them: another user filled it, for another build; "
                        + "fill it again with this agent's jar (a training run as that user) or name a directory this user may write");
            }
            throw denied;
        }
        return new WovenClassCache(dir, PrivateDirectory.identity(dir), agentFingerprint, maxEntries);
    }

    /** Weaves as {@link ClassWeaver#weave(byte[], Map, Set)} does, through the cache. */
    ClassWeaver.Result weave(String internalName, byte[] classFile, Map<String, Integer> ids, Set<String> async) {
        if (dir == null || DispatcherIds.holdsPlaceholder(classFile, ids.size()) || !isStillItsDirectory()) {
            return ClassWeaver.weave(classFile, ids, async);
        }
        Map<String, Integer> placeholders = DispatcherIds.placeholders(ids);
        byte[] key = WovenClassEntry.key(agentFingerprint, internalName, placeholders, async);
        Path file = dir.resolve(fileName(key, classFile));
        byte[] entry = readPrivate(file);
        ClassWeaver.Result cached = entry == null ? null
                : withIds(WovenClassEntry.decode(entry, key, classFile), placeholders, ids);
        if (cached != null) {
            fromCache.incrementAndGet();
            AgentLog.debug("Woven code of " + internalName.replace('/', '.') + " read from the woven-class cache");
            return cached;
        }
        ClassWeaver.Result woven = ClassWeaver.weave(classFile, placeholders, async);
        ClassWeaver.Result result = withIds(woven, placeholders, ids);
        if (result == null) {
            return ClassWeaver.weave(classFile, ids, async);
        }
        write(file, WovenClassEntry.encode(key, classFile, woven));
        return result;
    }

    /**
     * Whether the directory's path still leads to the private directory checked at start. One deleted
     * while the application runs can be made again by another user where a parent lets them (a sticky
     * {@code /tmp}), with entries of their own: from then on the cache is not used, with one WARN line.
     */
    private boolean isStillItsDirectory() {
        if (replaced.get()) {
            return false;
        }
        if (PrivateDirectory.isStill(dir, dirIdentity)) {
            return true;
        }
        if (replaced.compareAndSet(false, true)) {
            AgentLog.warn("resilience-agent: the woven-class cache " + dir + " was removed or replaced while the application "
                    + "ran, so it is no longer used and classes are woven; it is used again from the next start");
        }
        return false;
    }

    /** {@code woven} (woven with {@code placeholders}) with the ids of this start; null if it cannot be. */
    private static ClassWeaver.Result withIds(ClassWeaver.Result woven, Map<String, Integer> placeholders,
            Map<String, Integer> ids) {
        if (woven == null || woven.classFile() == null) {
            return woven;
        }
        byte[] classFile = DispatcherIds.withIds(woven.classFile(), placeholders, ids);
        return classFile == null ? null : new ClassWeaver.Result(classFile, woven.skipped());
    }

    /** How many classes took their woven code from the cache so far. */
    int classesFromCache() {
        return fromCache.get();
    }

    /** The entry's file: named by checksums of the key and class file; the entry itself tells whether it is theirs. */
    private static String fileName(byte[] key, byte[] classFile) {
        CRC32 crc = new CRC32();
        crc.update(classFile);
        long classCrc = crc.getValue();
        crc.reset();
        crc.update(key);
        return Long.toHexString(classCrc) + "-" + Long.toHexString(crc.getValue()) + ".woven";
    }

    /**
     * The entry in {@code file}, if it is a file only the JVM's user or root could have made, in the
     * directory checked at start, both before and after it is read (the path could lead elsewhere for a
     * moment, between a check and the read, if the directory were removed and another made in its place).
     */
    private byte[] readPrivate(Path file) {
        Object before = PrivateDirectory.privateFileKey(file);
        byte[] entry = before == null ? null : read(file);
        return entry != null && isStillItsDirectory() && before.equals(PrivateDirectory.privateFileKey(file)) ? entry : null;
    }

    private static byte[] read(Path file) {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        } catch (FileNotFoundException absent) {
            return null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Whether one more entry may be written; the directory is counted once, at the first write (when weaving costs more). */
    private synchronized boolean mayWrite() {
        if (entriesLeft < 0) {
            entriesLeft = Math.max(0, maxEntries - entriesWritten());
        }
        if (entriesLeft > 0) {
            entriesLeft--;
            return true;
        }
        if (!fullReported) {
            fullReported = true;
            AgentLog.warn("resilience-agent: the woven-class cache " + dir + " holds its most entries (" + maxEntries
                    + "), classes missing from it are woven without being kept; delete " + dir + " while the application is stopped to "
                    + "start it afresh");
        }
        return false;
    }

    /** The entries in the directory; none counted when it cannot be listed (a write then fails and says so). */
    private int entriesWritten() {
        int entries = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(".woven")) {
                    entries++;
                }
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void write(Path file, byte[] entry) {
        if (!mayWrite()) {
            return;
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(dir, "entry", ".tmp");
            Files.write(temporary, entry);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to do; the entry is missing either way
                }
            }
            if (writeFailureReported.compareAndSet(false, true)) {
                AgentLog.warn("resilience-agent: could not write to the woven-class cache " + dir
                        + ", classes missing from it are woven at every start: " + e);
            }
        }
    }

    /** The fingerprint of the agent's code, which its class loader serves; null outside the agent jar (tests). */
    private static String runningAgentFingerprint() throws IOException {
        ClassLoader loader = WovenClassCache.class.getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(AgentPack.FINGERPRINT_RESOURCE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
