package io.resilienceagent.it.reload;

import static io.resilienceagent.it.reload.ReloadConfigs.quotes;
import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config mounted from a Kubernetes ConfigMap: the kubelet never writes the file the application names,
 * it swaps a symbolic link ({@code ..data}) to a new directory. The agent follows the links and reloads
 * within 3 s of each swap, even when the new file has the old one's size and modification time.
 */
class ConfigMapReloadTest {
    @TempDir
    Path dir;

    @JdkTest
    void reloadsWhenTheKubeletSwapsTheDataLink(Jdk jdk) throws Exception {
        ConfigMapVolume volume = ConfigMapVolume.create(dir, quotes(2).text());
        assertThat(Files.isSymbolicLink(volume.file())).isTrue();
        try (ReloadingApp app = ReloadingApp.start(jdk, volume.file())) {
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(2);
            assertThat(app.agent("ConfigPath")).as("the path the application named, not where it leads")
                    .isEqualTo(volume.file().toString());

            long swapped = volume.update("..2026_11_30_02", quotes(5).text());
            Duration latency = app.awaitLog(ReloadingApp.RELOADED, 1, swapped);
            System.out.printf("%s: ConfigMap swap seen %d ms after it%n", jdk, latency.toMillis());
            assertThat(app.log(ReloadingApp.RELOADED)).as(app::describe).containsExactly(app.reloadedLine("changed quotes"));
            assertThat(latency).as("time from the swap to the 'Reloaded config' line").isLessThan(Duration.ofSeconds(3));
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(5);

            // the next update, through the link the first swap left
            app.awaitLog(ReloadingApp.RELOADED, 2, volume.update("..2026_11_30_03", quotes(3).text()));
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(3);
            assertThat(app.agent("ConfigPath")).isEqualTo(volume.file().toString());
            assertThat(app.log("ERROR")).as(app::describe).isEmpty();
        }
    }
}
