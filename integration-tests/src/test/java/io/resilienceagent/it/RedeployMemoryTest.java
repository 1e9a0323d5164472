package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.redeploy.Plugin;
import com.example.redeploy.RedeployApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that loads the same protected class again and again in new class loaders (an app
 * server redeploying, a plugin system) keeps every copy protected, lets every loader be collected, and
 * its live heap does not grow with the number of redeployments: the agent keeps nothing per loader.
 */
class RedeployMemoryTest {
    private static final Pattern REPORT = Pattern.compile(
            "REDEPLOY loaders=(\\d+) protected=(\\d+) collected=(\\d+)/(\\d+) heapGrowth=(-?\\d+)");
    private static final int WARM_UP = 200;
    private static final int LOADERS = 2_000;
    /** Bytes of live heap per redeployment beyond what the application alone keeps; the agent kept ~230 before. */
    private static final long MAX_GROWTH_PER_LOADER = 32;

    @TempDir
    Path dir;

    @JdkTest
    void redeployedLoadersAreCollectedAndTheHeapDoesNotGrowWithThem(Jdk jdk) throws IOException {
        Path classes = Artifacts.copyTestClasses(dir.resolve("plugin"), Plugin.class);
        Path config = ResilienceYaml.create()
                .service("plugin", "retry: { maxAttempts: 2, minWait: 0s, maxWait: 0s }", ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.redeploy.Plugin.call", "plugin")
                .writeTo(dir);
        String plugin = classes.toString();
        String warmUp = String.valueOf(WARM_UP);
        String loaders = String.valueOf(LOADERS);

        Matcher withAgent = report(ChildJvm.on(jdk).withConfig(config).systemProperty("resilience.logLevel", "ERROR")
                .main(RedeployApp.class, plugin, warmUp, loaders, "agent").run());
        Matcher withoutAgent = report(ChildJvm.on(jdk).main(RedeployApp.class, plugin, warmUp, loaders, "none").run());

        assertThat(withAgent.group(2)).as("every copy is protected (retried)").isEqualTo(String.valueOf(LOADERS));
        assertThat(withoutAgent.group(2)).as("control: without the agent no copy is retried").isEqualTo("0");
        assertThat(withAgent.group(3)).as("every loader is collected").isEqualTo(withAgent.group(4));
        long agentGrowth = Long.parseLong(withAgent.group(5)) - Long.parseLong(withoutAgent.group(5));
        assertThat(agentGrowth).as("live heap the agent adds over %d redeployments", LOADERS)
                .isLessThan(MAX_GROWTH_PER_LOADER * LOADERS);
    }

    private static Matcher report(ChildResult run) {
        assertThat(run.exitCode()).as(run::describe).isZero();
        Matcher m = REPORT.matcher(run.stdout());
        assertThat(m.find()).as(run::describe).isTrue();
        return m;
    }
}
