package io.resilienceagent.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReadingTest {
    @TempDir
    Path dir;

    @Test
    void readsTheConfigNamedByTheArgumentsOnItsOwnThread() throws IOException {
        Path file = Files.writeString(dir.resolve("resilience.yaml"), "services:\n  api: {}\nmethods:\n  com.example.A.call: api\n");

        ConfigReading.Outcome outcome = ConfigReading.start("config=" + file).outcome();

        assertThat(outcome.problem()).isNull();
        assertThat(outcome.file()).isEqualTo(file);
        assertThat(outcome.config().services()).containsOnlyKeys("api");
    }

    @Test
    void aBadConfigIsAProblemThatStopsTheJvmUnlessTheArgumentsSayContinue() {
        Path missing = dir.resolve("missing.yaml");

        ConfigReading.Outcome stop = ConfigReading.start("config=" + missing).outcome();
        ConfigReading.Outcome go = ConfigReading.start("config=" + missing + ",onConfigError=continue").outcome();

        assertThat(stop.config()).isNull();
        assertThat(stop.problem()).contains("missing.yaml", "file not found");
        assertThat(stop.stopJvm()).isTrue();
        assertThat(go.stopJvm()).isFalse();
    }

    @Test
    void aConfigLocationThatIsNoPathIsAConfigProblemToo() {
        ConfigReading.Outcome outcome = ConfigReading.start("config=/tmp/a\u0000b.yaml").outcome();

        assertThat(outcome.config()).isNull();
        assertThat(outcome.problem()).startsWith("resilience-agent: the config location is not a valid path:");
        assertThat(outcome.stopJvm()).isTrue();
    }
}
