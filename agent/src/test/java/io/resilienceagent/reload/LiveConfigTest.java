package io.resilienceagent.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resilienceagent.config.ConfigLoader;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.log.AgentLogCapture;
import io.resilienceagent.policy.BreakerListener;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import io.resilienceagent.weaving.ClassInstrumenter;
import io.resilienceagent.weaving.MethodSelector;
import io.resilienceagent.weaving.ResilienceTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the config file: validated first, refused with one line per refused change, applied when good. */
class LiveConfigTest {
    private static final String TWO_ATTEMPTS = "services:\n  api: { retry: { maxAttempts: 2 } }\n";

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    @TempDir
    Path dir;
    private Path file;
    private ServiceRegistry registry;
    private LiveConfig live;

    @BeforeEach
    void setUp() throws Exception {
        file = Files.writeString(dir.resolve("resilience.yaml"), TWO_ATTEMPTS);
        ResilienceConfig config = ConfigLoader.load(file);
        registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        MethodSelector selector = new MethodSelector(config.methods());
        live = new LiveConfig(file, config, registry, selector,
                new ResilienceTransformer(selector, new ClassInstrumenter(registry, selector)));
    }

    private String log() {
        return agentLog.text();
    }

    @Test
    void aChangeMadeWhileTheAgentStartsIsAppliedByTheWatcher() throws Exception {
        ConfigWatcher.Fingerprint read = ConfigWatcher.Fingerprint.of(file); // as the config was read
        // before the watcher starts; of another size, as it may come within the millisecond of the first
        Files.writeString(file, "services:\n  api: { retry: { maxAttempts: 4 } }\n  beta: {}\n");

        Thread watcher = ConfigWatcher.start(live, read);
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (registry.service("api").orElseThrow().settings().retry().maxAttempts() != 4 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // polls the state the watcher sets
            }
        } finally {
            watcher.interrupt();
            watcher.join();
        }

        assertThat(registry.service("api").orElseThrow().settings().retry().maxAttempts()).isEqualTo(4);
    }

    @Test
    void anUnchangedFileIsOkAndLogsNothing() {
        assertThat(live.reload()).isEqualTo("OK");
        assertThat(log()).isEmpty();
    }

    @Test
    void aGoodChangeIsAppliedAndLogged() throws Exception {
        Files.writeString(file, "services:\n  api: { retry: { maxAttempts: 4 } }\n  beta: {}\n");

        assertThat(live.reload()).isEqualTo("OK");

        assertThat(registry.service("api").orElseThrow().settings().retry().maxAttempts()).isEqualTo(4);
        assertThat(live.services()).containsExactly("api", "beta");
        assertThat(log()).isEqualTo("INFO  Reloaded config " + file.toAbsolutePath() + " (added beta; changed api)"
                + System.lineSeparator());
    }

    @Test
    void anInvalidFileChangesNothingAndIsReportedOncePerChange() throws Exception {
        Files.writeString(file, "services:\n  api: { retry: { maxAttempts: 0 } }\n");

        String first = live.reload();
        String second = live.reload();

        assertThat(first).contains("services.api.retry.maxAttempts: expected a whole number >= 1, found 0").isEqualTo(second);
        assertThat(live.lastReloadError()).isEqualTo(first);
        assertThat(registry.service("api").orElseThrow().settings().retry().maxAttempts()).isEqualTo(2);
        assertThat(log().lines()).singleElement().asString()
                .startsWith("ERROR Config reload refused, keeping the running config: Invalid resilience-agent config")
                .contains("services.api.retry.maxAttempts: expected a whole number >= 1, found 0")
                .doesNotContain("\n");

        Files.writeString(file, "services:\n  api: { retry: { maxAttempts: 3 } }\n");
        assertThat(live.reload()).isEqualTo("OK");
        assertThat(live.lastReloadError()).as("cleared by a good reload").isEmpty();
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConfigReplacedByAPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "needs mkfifo");
        Files.delete(file);
        Process mkfifo = new ProcessBuilder("/usr/bin/mkfifo", file.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThat(live.reload()).contains("not a regular file but a pipe, socket or device");
        assertThat(registry.service("api").orElseThrow().settings().retry().maxAttempts()).isEqualTo(2);
    }

    @Test
    void aFileOverTheLimitIsRefusedOncePerChange() throws Exception {
        Files.writeString(file, TWO_ATTEMPTS + "#".repeat(ConfigLoader.MAX_FILE_BYTES));

        assertThat(live.reload()).contains("the limit is 1 MiB");
        assertThat(live.reload()).as("asked again").contains("the limit is 1 MiB");
        assertThat(log().lines()).as("one line for the one change").singleElement().asString().contains("the limit is 1 MiB");

        Files.writeString(file, "#" + TWO_ATTEMPTS + "#".repeat(ConfigLoader.MAX_FILE_BYTES));
        live.reload();
        assertThat(log().lines()).as("and one for the next, of the same size").hasSize(2);
    }

    @Test
    void aFileThatTurnsUnreadableIsRefused() throws Exception {
        Files.delete(file);

        assertThat(live.reload()).contains("file not found");
        assertThat(live.reload()).as("asked again").contains("file not found");
        assertThat(registry.service("api")).isPresent();
        assertThat(log().lines()).as("one line for the missing file, however often asked").singleElement().asString()
                .startsWith("ERROR Config reload refused, keeping the running config: ");
    }
}
