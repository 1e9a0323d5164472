package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up rules, checked against what the JVM loads: before {@code main}, the agent spins no
 * lambda of its own, no indy string concatenation and no record {@code equals}/{@code hashCode}
 * bootstrap (each costs generated classes and cold code before the application's first line). The classes the JVM
 * loads before {@code main} with the agent are compared with those it loads without it.
 */
class StartupRulesTest {
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\s*\\] (\\S+) source:");
    /** Loaded only to bootstrap indy string concatenation and records' generated methods. */
    private static final List<String> FORBIDDEN = List.of("java.lang.invoke.StringConcatFactory", "java.lang.runtime.ObjectMethods");

    @TempDir
    Path dir;

    @JdkTest
    void theAgentSpinsNoLambdaConcatenationOrRecordMethodsBeforeMain(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("api", "retry: { maxAttempts: 3, budget: { ratio: 0.2 } }")
                .service("other", ResilienceYaml.FAST_RETRY)
                .method("com.example.app.ApiClient.get", "api")
                .method("com.example.app.Fetcher.fetch", "other")
                .writeTo(dir);

        Set<String> withAgent = loadedBeforeMain(ChildJvm.on(jdk).withConfig(config));
        Set<String> without = loadedBeforeMain(ChildJvm.on(jdk).withoutAgent());
        withAgent.removeAll(without);

        assertThat(withAgent).as("the agent loads its own classes before main").anyMatch(c -> c.startsWith("io.resilienceagent."));
        // any -javaagent makes the JDK resolve its module graph at run time, which spins lambdas of the JDK's
        // own (jdk.internal.module.DefaultRoots$$Lambda...): only the agent's own are forbidden
        assertThat(withAgent).as("classes the agent adds before main").noneMatch(FORBIDDEN::contains)
                .noneMatch(c -> c.startsWith("io.resilienceagent.") && c.contains("$$Lambda"));
    }

    private static Set<String> loadedBeforeMain(ChildJvm child) {
        ChildResult run = child.jvmOption("-Xlog:class+load=info:stdout").app("http://127.0.0.1:1").run();
        assertThat(run.exitCode()).as(run::describe).isZero();
        Set<String> loaded = new LinkedHashSet<>();
        for (String line : run.stdoutLines()) {
            if (line.equals("MAIN STARTED")) {
                return loaded;
            }
            Matcher m = LOADED.matcher(line);
            if (m.find()) {
                loaded.add(m.group(1));
            }
        }
        throw new AssertionError("main never started\n" + run.describe());
    }
}
