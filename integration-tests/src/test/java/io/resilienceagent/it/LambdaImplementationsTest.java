package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.lambda.LambdaApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.LiveChildJvm;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pattern naming an interface covers the classes implementing it, but not a lambda or method
 * reference implementing it: the JVM defines those as hidden classes, which it never hands to the
 * agent. Such calls run unprotected with one WARN line, from the class that makes the lambda, saying
 * what to name instead; so do a lambda and a JDK proxy made before the agent was attached.
 */
class LambdaImplementationsTest {
    private static final String LAMBDA_WARNING = "WARN  com.example.lambda.QuoteSource is implemented by a lambda or method "
            + "reference that com.example.lambda.LambdaApp makes, which the JVM defines as a hidden class the agent cannot "
            + "weave: the pattern does not protect calls through it; name the method it calls, or implement "
            + "com.example.lambda.QuoteSource in a class";

    @TempDir
    Path dir;

    @JdkTest
    void aLambdaOrMethodReferenceImplementingANamedInterfaceIsNamedInOneLine(Jdk jdk) {
        ChildResult run = ChildJvm.on(jdk).withConfig(config()).main(LambdaApp.class, "class 1", "lambda 2", "reference 3").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).value()).as("the class is woven%n%s", run.describe()).isEqualTo("quote-1");
        assertThat(run.call(1).attempts()).isEqualTo(2);
        for (int call = 2; call <= 3; call++) {
            assertThat(run.call(call).exceptionClass()).as("unprotected, as the line says%n%s", run.describe())
                    .isEqualTo("java.net.ConnectException");
        }
        assertThat(run.agentLog()).as(run::describe).filteredOn(line -> line.contains("hidden class")).containsExactly(LAMBDA_WARNING);
    }

    @JdkTest
    void aLambdaAndAProxyMadeBeforeTheAgentWasAttachedAreNamedInOneLineEach(Jdk jdk) {
        try (LiveChildJvm app = LiveChildJvm.start(ChildJvm.on(jdk).systemProperty("lambda.await", "true")
                .main(LambdaApp.class, "class 1", "lambda 2", "proxy 3"), "READY")) {
            ChildResult attach = ChildJvm.on(jdk).jar(Artifacts.agentJar(), "attach", String.valueOf(app.pid()),
                    "config=" + config()).run();
            assertThat(attach.exitCode()).as(attach::describe).isZero();
            app.send("go");
            CallResult woven = CallResult.parse(app.awaitLine("RESULT call=1"));
            assertThat(woven.attempts()).as("the class is woven once attached%n%s", app.describe()).isEqualTo(2);
            assertThat(CallResult.parse(app.awaitLine("RESULT call=3")).exceptionClass()).as(app::describe)
                    .isEqualTo("java.net.ConnectException");
            assertThat(app.quit()).isZero();
            List<String> lines = app.agentLog();
            assertThat(lines).as(app::describe).filteredOn(line -> line.contains("hidden class")).singleElement().asString()
                    .matches("WARN  com\\.example\\.lambda\\.QuoteSource is implemented by com\\.example\\.lambda\\.LambdaApp\\$\\$Lambda"
                            + "\\S*, a lambda or method reference, which the JVM defines as a hidden class the agent cannot weave: "
                            + "the pattern does not protect calls through it; name the method it calls, or implement "
                            + "com\\.example\\.lambda\\.QuoteSource in a class");
            assertThat(lines).as(app::describe).filteredOn(line -> line.contains("java.lang.reflect.Proxy")).singleElement().asString()
                    .startsWith("WARN  com.example.lambda.QuoteSource is implemented by jdk.proxy");
        }
    }

    private Path config() {
        return ResilienceYaml.create()
                .service("quotes", "retry: { maxAttempts: 3, minWait: 0s, maxWait: 0s }")
                .method("com.example.lambda.QuoteSource.quote", "quotes")
                .writeTo(dir);
    }
}
