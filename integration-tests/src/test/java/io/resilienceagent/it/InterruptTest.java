package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import io.resilienceagent.it.harness.WireMockTestBase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** An interrupt during a backoff wait ends the retries at once, rethrows the last failure and keeps the flag. */
class InterruptTest extends WireMockTestBase {

    @TempDir
    Path dir;

    @JdkTest
    void interruptDuringBackoffEndsTheRetries(Jdk jdk) throws IOException {
        int closedPort = TransportFailuresTest.closedPort();
        Path config = ResilienceYaml.create()
                .service("slow", "retry: { maxAttempts: 3, minWait: 10s, maxWait: 10s }", ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.app.ApiClient.alpha", "slow")
                .writeTo(dir);

        // the worker's first attempt is refused at once, then it waits 10 s; it is interrupted 1 s after that attempt began
        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .app(baseUrl(), "interrupt 1000 http://127.0.0.1:" + closedPort + "/refused").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        CallResult call = run.call(1);
        assertThat(call.exceptionClass()).as(run::describe).isEqualTo("java.net.ConnectException");
        assertThat(call.attempts()).as("no attempt after the interrupt").isEqualTo(1);
        assertThat(call.get("interruptFlag")).as("the thread's interrupt flag stays set").isEqualTo("true");
        assertThat(Long.parseLong(call.get("afterInterruptMs")))
                .as("the call ends right after the interrupt, not after the 9 s left of the wait")
                .isLessThan(5_000);
    }
}
