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
                .method("com.example.secured.SecuredClient.call", "secured")
                .writeTo(dir);
        Path policy = Files.writeString(dir.resolve("app.policy"), "grant codeBase \"" + Artifacts.agentJar().toUri()
                + "\" { permission java.security.AllPermission; };\n" + "grant codeBase \"" + Artifacts.testClasses().toUri()
                + "\" { permission java.lang.RuntimePermission \"createClassLoader\"; };\n");

        Path cache = dir.resolve("cache");

        for (String start : new String[] {"first", "second"}) {
            ChildResult run = ChildJvm.on(new Jdk("17", "java17.home"))
                    .withAgentArgs("config=" + config + ",cache=" + cache).systemProperty("resilience.logLevel", "DEBUG")
                    .jvmOption("-Djava.security.manager").systemProperty("java.security.policy", policy.toString())
                    .main(SecuredApp.class, "call", "call", "call").run();

            assertThat(run.exitCode()).as(run::describe).isZero();
            for (int call = 1; call <= 3; call++) {
                assertThat(run.call(call).outcome()).as("%s start, call %d%n%s", start, call, run.describe()).isEqualTo("OK");
                assertThat(run.call(call).attempts()).isEqualTo(2);
            }
            assertThat(run.agentLog()).as(run::describe)
                    .noneMatch(line -> line.startsWith("ERROR") || line.startsWith("WARN  resilience-agent") || line.contains("unprotected"));
            if (start.equals("second")) {
                assertThat(run.agentLog()).as("the woven-class cache served the class%n%s", run.describe())
                        .contains("DEBUG Woven code of com.example.secured.SecuredClient read from the woven-class cache");
            }
        }
    }
}
