package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.ManyLoadersApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's compiler directives reach HotSpot and keep C2 off the code that runs for every loaded class:
 * an application waits until the directives are in place (the agent adds them beside {@code main}), then
 * defines one woven class in 3,000 class loaders of its own, and {@code -XX:+PrintCompilation} shows which
 * of the agent's methods C2 (level 4) compiled meanwhile. With {@code jitHints=off} C2 compiles dozens of
 * them, so the check can fail. They are left out where C2 compiles alone, and they print nothing to the
 * application's output.
 */
class JitHintsTest {
    private static final String COPIES = "3000";
    private static final String RESULT = "RESULT copies=" + COPIES + " value=ok attempts=2 ownLoader=true";
    private static final String ADDED = "compiler directives added: the weaver is compiled by C1 only";
    /** A {@code -XX:+PrintCompilation} line: uptime in ms, compile id, attributes, tier, then the method. */
    private static final Pattern COMPILED = Pattern.compile(
            "^\\s*(\\d+)\\s+\\d+\\s+[%sbn! ]*\\s([0-4])\\s+(io\\.resilienceagent\\.\\S+)::");
    private static final Pattern LOADING_FROM = Pattern.compile("LOADING FROM uptimeMs=(\\d+)");
    private static final List<String> C1_ONLY = List.of("io.resilienceagent.weaving.", "io.resilienceagent.shaded.",
            "io.resilienceagent.startup.", "io.resilienceagent.launch.", "io.resilienceagent.config.JdkClasses");

    @TempDir
    Path dir;

    @JdkTest
    void c2CompilesNoneOfTheWeaversMethodsWhileClassesLoad(Jdk jdk) {
        ChildResult run = run(jdk, "", "await-directives", "-XX:TieredStopAtLevel=4", "-XX:+PrintCompilation");

        assertThat(run.agentLog()).as(run::describe).anyMatch(l -> l.contains(ADDED));
        assertThat(run.stdout()).as(run::describe).contains("DIRECTIVES SEEN");
        assertThat(c2CompiledWhileLoading(run)).as("the weaver's methods C2 compiled while classes loaded%n%s", run.describe())
                .isEmpty();
    }

    @JdkTest
    void withJitHintsOffC2CompilesThem(Jdk jdk) {
        ChildResult run = run(jdk, ",jitHints=off", "now", "-XX:TieredStopAtLevel=4", "-XX:+PrintCompilation");

        assertThat(run.agentLog()).as(run::describe).anyMatch(l -> l.contains("compiler directives not added: jitHints=off"));
        assertThat(c2CompiledWhileLoading(run)).as("the weaver's methods C2 compiled while classes loaded%n%s", run.describe())
                .hasSizeGreaterThan(5);
    }

    @Test
    void theApplicationsOutputStaysItsOwn() {
        ChildResult run = run(new Jdk("17", "java17.home"), "", "now", "-XX:TieredStopAtLevel=4");

        assertThat(run.agentLog()).as(run::describe).anyMatch(l -> l.contains(ADDED));
        assertThat(run.stdoutLines()).as(run::describe).hasSize(2).last().isEqualTo(RESULT);
    }

    @Test
    void leftOutWhenC2CompilesAlone() {
        ChildResult run = run(new Jdk("17", "java17.home"), "", "now", "-XX:-TieredCompilation");

        assertThat(run.agentLog()).as(run::describe).anyMatch(l -> l.contains(
                "compiler directives not added: tiered compilation is off (-XX:-TieredCompilation), so C2 compiles alone"));
    }

    /** Runs the app (checking that its last copy was woven) with the agent's DEBUG log. */
    private ChildResult run(Jdk jdk, String moreAgentArgs, String when, String... jvmOptions) {
        Path config = ResilienceYaml.create()
                .service("jit", "retry: { maxAttempts: 2, minWait: 0s, maxWait: 0s }")
                .method("com.example.app.JitTarget.call", "jit")
                .writeTo(dir);
        ChildJvm child = ChildJvm.on(jdk).withAgentArgs("config=" + config + moreAgentArgs)
                .systemProperty("resilience.logLevel", "DEBUG");
        for (String option : jvmOptions) {
            child.jvmOption(option);
        }
        ChildResult run = child.main(ManyLoadersApp.class, COPIES, when).run();
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as("the last copy was woven: its first attempt failed and was retried%n%s", run.describe())
                .contains(RESULT);
        return run;
    }

    /** The agent's per-class methods that C2 compiled once the app started loading its copies. */
    private static List<String> c2CompiledWhileLoading(ChildResult run) {
        // found anywhere in the output: the JVM's lines and the application's share it and may interleave
        Matcher started = LOADING_FROM.matcher(run.stdout());
        if (!started.find()) {
            throw new AssertionError("the app did not start loading\n" + run.describe());
        }
        long loadingFrom = Long.parseLong(started.group(1));
        return run.stdoutLines().stream().filter(line -> {
            Matcher compiled = COMPILED.matcher(line);
            return compiled.find() && Long.parseLong(compiled.group(1)) >= loadingFrom && compiled.group(2).equals("4")
                    && C1_ONLY.stream().anyMatch(compiled.group(3)::startsWith);
        }).toList();
    }
}
