package io.resilienceagent.reload;

import io.resilienceagent.log.AgentLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Watches the config file and reloads it when it changes. It polls, which also sees what file-system
 * events miss: a Kubernetes ConfigMap volume swaps a symbolic link ({@code ..data}) to a new directory,
 * so the file's path stays and its target changes; the watcher follows links and compares the target's
 * real path, modification time and size. A changed file is read once it has stopped changing for
 * {@value #SETTLE_MILLIS} ms, so a file being written in place is not refused half-written; an empty
 * file only once it has stayed empty for {@value #EMPTY_SETTLE_MILLIS} ms, as a file being rewritten is
 * empty from its truncation until the writer's data arrives (a stalled writer, {@code curl > file}).
 * A daemon thread; a change is picked up within about a second.
 */
public final class ConfigWatcher implements Runnable {
    static final long POLL_MILLIS = 500;
    static final long SETTLE_MILLIS = 300;
    static final long EMPTY_SETTLE_MILLIS = 1_500;
    private static final int MAX_SETTLE_ROUNDS = 20;

    private final LiveConfig live;
    private final Path file;
    private final Fingerprint read;

    private ConfigWatcher(LiveConfig live, Fingerprint read) {
        this.live = live;
        this.file = live.file();
        this.read = read;
    }

    /**
     * Starts watching {@code live}'s file on a daemon thread.
     *
     * @param read the file as it was just before the running config was read from it: a change made
     *     since (while the agent was starting) is a change to apply
     * @return the watching thread
     */
    public static Thread start(LiveConfig live, Fingerprint read) {
        Thread thread = new Thread(new ConfigWatcher(live, read), "resilience-agent-config-watch");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        Fingerprint seen = read;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(POLL_MILLIS);
                Fingerprint now = Fingerprint.of(file);
                if (now.equals(seen)) {
                    continue;
                }
                Fingerprint settled = settle(now);
                if (settled.exists()) {
                    reloadQuietly();
                }
                seen = settled;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A reload that fails unexpectedly is logged and the watching goes on: the next change may be fine. */
    private void reloadQuietly() {
        try {
            live.reload();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            AgentLog.error("resilience-agent could not reload " + file + ", keeping the running config: " + e);
        }
    }

    /**
     * Waits until the file looks the same twice {@value #SETTLE_MILLIS} ms apart, or, while it is empty,
     * throughout {@value #EMPTY_SETTLE_MILLIS} ms; gives up waiting after {@value #MAX_SETTLE_ROUNDS} rounds.
     */
    private Fingerprint settle(Fingerprint changed) throws InterruptedException {
        Fingerprint last = changed;
        long stillMillis = 0;
        for (int i = 0; i < MAX_SETTLE_ROUNDS; i++) {
            Thread.sleep(SETTLE_MILLIS);
            Fingerprint now = Fingerprint.of(file);
            stillMillis = now.equals(last) ? stillMillis + SETTLE_MILLIS : 0;
            if (stillMillis >= (now.size() == 0 ? EMPTY_SETTLE_MILLIS : SETTLE_MILLIS)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** What tells one version of the file from the next: where its links lead, when it changed, how long it is. */
    public record Fingerprint(String realPath, long modifiedMillis, long size) {
        public static Fingerprint of(Path file) {
            try {
                Path real = file.toRealPath();
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                return new Fingerprint(real.toString(), attributes.lastModifiedTime().toMillis(), attributes.size());
            } catch (IOException | RuntimeException missing) {
                return new Fingerprint(null, -1, -1);
            }
        }

        boolean exists() {
            return realPath != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fingerprint other && Objects.equals(realPath, other.realPath)
                    && modifiedMillis == other.modifiedMillis && size == other.size;
        }

        @Override
        public int hashCode() {
            return Objects.hash(realPath, modifiedMillis, size);
        }
    }
}
