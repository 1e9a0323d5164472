package io.resilienceagent.weaving;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * A directory whose files only the JVM's user (or root) can change: the woven-class cache's, whose
 * entries become the application's code. The directory must be writable by its owner alone, its owner
 * the JVM's user or root; and so must every directory above it, but for a sticky one such as
 * {@code /tmp}, where others cannot rename what is not theirs: whoever can write a parent could swap
 * the whole directory for one of their own while the application runs.
 */
final class PrivateDirectory {
    private static final int ROOT = 0;
    private static final int STICKY = 01000;

    private PrivateDirectory() {
    }

    /** The real path of {@code directory}, created its user's alone if missing; refused when others could change it. */
    static Path create(Path directory) throws IOException {
        return create(directory, null);
    }

    /**
     * {@link #create} for {@code name} inside {@code privateDirectory}, which {@link #create} returned:
     * the directories above that one are not checked again.
     */
    static Path createIn(Path privateDirectory, String name) throws IOException {
        return create(privateDirectory.resolve(name), privateDirectory);
    }

    /** @param checked a directory whose own parents are checked already, or null */
    private static Path create(Path directory, Path checked) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        Path real = directory.toRealPath();
        if (posix) {
            requireOwnersAlone(real, false);
            // up to the directory checked already, if the real path leads through it (a link may lead elsewhere)
            for (Path parent = real.getParent(); parent != null && !parent.equals(checked); parent = parent.getParent()) {
                requireOwnersAlone(parent, true);
            }
        }
        return real;
    }

    /** What tells a directory {@link #create} returned from another at the same path later; null where the file system has nothing for it. */
    static Object identity(Path directory) throws IOException {
        return Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /**
     * Whether {@code directory}'s path still leads to the directory {@link #create} returned, with identity
     * {@code identity}, and only the JVM's user or root can still change it. Between starts, a directory
     * deleted (by a clean-up of {@code /tmp}, say) can be made again by anyone a parent lets in.
     */
    static boolean isStill(Path directory, Object identity) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isDirectory() && Objects.equals(attributes.fileKey(), identity) && isOwnersAlone(directory);
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /**
     * What tells {@code file} from another at its path, if it is a regular file (not a link) that only the
     * JVM's user or root can change; else null. (Its path, where the file system has no file keys.)
     */
    static Object privateFileKey(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || !isOwnersAlone(file)) {
                return null;
            }
            return attributes.fileKey() != null ? attributes.fileKey() : file;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Of the JVM's user or root and writable by its owner alone (not a link followed); true without POSIX permissions. */
    private static boolean isOwnersAlone(Path path) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return true;
        }
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return !othersCanWrite(attributes.permissions()) && isUsersOrRoots(path, attributes);
    }

    private static void requireOwnersAlone(Path path, boolean parent) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (othersCanWrite(permissions) && !(parent && isSticky(path))) {
            throw new IOException(path + " is writable by other users (" + PosixFilePermissions.toString(permissions)
                    + "), and whoever can write " + (parent ? "a directory above the cache can replace it and so " : "it can ")
                    + "change the application's code; use a directory only its owner can write (chmod go-w " + path + ")"
                    + (parent ? ", or one below directories only their owners can write" : ""));
        }
        if (!isUsersOrRoots(path, attributes)) {
            throw new IOException(path + " belongs to " + attributes.owner().getName() + ", who can change the application's "
                    + "code through it; use a directory of the JVM's user (" + jvmUser() + ") or of root"
                    + (parent ? ", below directories of that user or of root" : ""));
        }
    }

    private static boolean othersCanWrite(Set<PosixFilePermission> permissions) {
        return permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    /**
     * Whether the JVM's user or root owns {@code path}: by name, or by number where the JVM's user has no
     * name (a container's arbitrary user id, for which Java's {@code user.name} is {@code ?}).
     */
    private static boolean isUsersOrRoots(Path path, PosixFileAttributes attributes) {
        String owner = attributes.owner().getName();
        if (owner.equals(System.getProperty("user.name", "")) || owner.equals("root")) {
            return true;
        }
        Integer uid = unixAttribute(path, "unix:uid");
        return uid != null && (uid == ROOT || uid.equals(jvmUid()));
    }

    /** The JVM's user, for messages: by name, or by id where it has none (Java's {@code user.name} is then {@code ?}). */
    static String jvmUser() {
        String name = System.getProperty("user.name", "?");
        Integer uid = name.equals("?") ? jvmUid() : null;
        return uid == null ? name : "uid " + uid;
    }

    /** The JVM's own user id, as Linux shows it (the owner of the process's {@code /proc} entry); null elsewhere. */
    static Integer jvmUid() {
        return unixAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static boolean isSticky(Path path) {
        Integer mode = unixAttribute(path, "unix:mode");
        return mode != null && (mode & STICKY) != 0;
    }

    private static Integer unixAttribute(Path path, String attribute) {
        try {
            return (Integer) Files.getAttribute(path, attribute);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }
}
