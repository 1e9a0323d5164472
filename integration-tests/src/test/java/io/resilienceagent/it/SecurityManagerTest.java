package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.secured.SecuredApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java 17 with a security manager whose policy grants the agent jar {@code AllPermission} and the
 * application nothing but making a class loader, in which it defines the client from bytes: the agent's classes, which load lazily on protected calls with the application's
 * frames on the stack, load with the agent jar's own permissions, and so does the weaving of a class the
 * application's code loads, the woven-class cache included; calls are protected. (Java 24 removed the
 * security manager.)
 */
class SecurityManagerTest {
    @TempDir
    Path dir;

    @Test
    void underASecurityManagerThatGrantsTheAgentJarAllPermissionCallsAreProtected() throws IOException {
        Path config = ResilienceYaml.create()
                .service("secured", "retry: { maxAttempts: 3, minWait: 0s, maxWait: 0s }")
                .service("guarded", "retry: { maxAttempts: 1 }", "circuitBreaker: { failureThreshold: 1, recoveryTimeout: 1h }")
                .method("com.example.secured.SecuredClient.call", "secured")
                .method("com.example.secured.SecuredClient.callAsync", "secured")
                .method("com.example.secured.SecuredClient.down", "guarded")
                .writeTo(dir);
        Path policy = Files.writeString(dir.resolve("app.policy"), "grant codeBase \"" + Artifacts.agentJar().toUri()
                + "\" { permission java.security.AllPermission; };\n" + "grant codeBase \"" + Artifacts.testClasses().toUri()
                + "\" { permission java.lang.RuntimePermission \"createClassLoader\"; };\n");

        Path cache = dir.resolve("cache");

        for (String start : new String[] {"first", "second"}) {
            ChildResult run = ChildJvm.on(new Jdk("17", "java17.home"))
                    .withAgentArgs("config=" + config + ",cache=" + cache).systemProperty("resilience.logLevel", "DEBUG")
                    .jvmOption("-Djava.security.manager").systemProperty("java.security.policy", policy.toString())
                    .main(SecuredApp.class, "call", "call", "call", "down", "down", "callAsync").run();

            assertThat(run.exitCode()).as(run::describe).isZero();
            for (int call = 1; call <= 3; call++) {
                assertThat(run.call(call).outcome()).as("%s start, call %d%n%s", start, call, run.describe()).isEqualTo("OK");
                assertThat(run.call(call).attempts()).isEqualTo(2);
            }
            assertThat(run.call(4).exceptionClass()).as(run::describe).isEqualTo("java.net.ConnectException");
            assertThat(run.call(5).exceptionClass()).as("the OPEN breaker rejects%n%s", run.describe())
                    .isEqualTo("io.resilienceagent.CircuitBreakerOpenException");
            assertThat(run.call(5).attempts()).as("the body does not run").isZero();
            assertThat(run.call(6).outcome()).as("the async call retried on the agent's threads%n%s", run.describe()).isEqualTo("OK");
            assertThat(run.call(6).attempts()).isEqualTo(2);
            assertThat(run.agentLog()).as(run::describe).noneMatch(line -> line.startsWith("WARN  resilience-agent")
                    || line.contains("unprotected") || line.startsWith("ERROR") && !line.equals("ERROR Circuit breaker open for guarded")
                    && !line.startsWith("ERROR Circuit breaker for guarded: CLOSED -> OPEN"));
            if (start.equals("second")) {
                assertThat(run.agentLog()).as("the woven-class cache served the class%n%s", run.describe())
                        .contains("DEBUG Woven code of com.example.secured.SecuredClient read from the woven-class cache");
            }
        }
    }
}
