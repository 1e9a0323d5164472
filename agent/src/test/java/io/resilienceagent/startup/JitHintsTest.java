package io.resilienceagent.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.ConfigLoader;
import io.resilienceagent.config.JdkClasses;
import io.resilienceagent.launch.AgentEntry;
import io.resilienceagent.policy.MethodGuard;
import io.resilienceagent.weaving.ResilienceTransformer;
import org.junit.jupiter.api.Test;

/**
 * What the compiler directives cover and when they are left out. That they reach HotSpot and keep C2
 * off the weaver is shown end to end ({@code JitHintsTest} of the integration tests).
 */
class JitHintsTest {
    @Test
    void theC1OnlyPackagesHoldTheWeaverAndStartUpButNotWhatProtectsCalls() {
        assertThat(covered(ResilienceTransformer.class)).isTrue();
        assertThat(covered(AgentStart.class)).isTrue();
        assertThat(covered(AgentEntry.class)).isTrue();
        assertThat(covered(JdkClasses.class)).as("asked for every loaded class").isTrue();
        assertThat(JitHints.C1_ONLY).as("shaded ASM, whatever its relocated name").contains("io/resilienceagent/shaded/*.*");
        assertThat(covered(Dispatcher.class)).as("woven code calls it").isFalse();
        assertThat(covered(MethodGuard.class)).as("the engine").isFalse();
        assertThat(covered(ConfigLoader.class)).as("the settings the engine reads").isFalse();
    }

    @Test
    void directivesAreHotSpotJsonWithOneMatchPerPackageAndNoInliningIntoTheTransformerCallers() {
        String json = JitHints.directives();

        assertThat(json).contains("{ match: [\"io/resilienceagent/weaving/*.*\", \"io/resilienceagent/shaded/*.*\", "
                + "\"io/resilienceagent/startup/*.*\", \"io/resilienceagent/launch/*.*\", "
                + "\"io/resilienceagent/config/JdkClasses.*\"], c2: { Exclude: true } }");
        assertThat(json).contains("{ match: [\"sun/instrument/InstrumentationImpl.transform\", "
                + "\"sun/instrument/TransformerManager.transform\"], inline: [\"-io/resilienceagent/*.*\"] }");
        assertThat(json.split("match:", -1)).hasSize(JitHints.DIRECTIVE_COUNT + 1);
    }

    @Test
    void leftOutWhenTheyWouldLeaveTheWeaverInterpretedOrChangeNothing() {
        assertThat(JitHints.whyNot(true, true, 4L, "default")).isNull();
        assertThat(JitHints.whyNot(true, true, 4L, null)).as("a JDK without CompilationMode").isNull();
        assertThat(JitHints.whyNot(true, false, 4L, "default")).contains("-XX:-TieredCompilation");
        assertThat(JitHints.whyNot(true, true, 1L, "default")).contains("-XX:TieredStopAtLevel=1");
        assertThat(JitHints.whyNot(true, true, 4L, "high-only")).contains("high-only");
        assertThat(JitHints.whyNot(true, true, 4L, "quick-only")).contains("quick-only");
        assertThat(JitHints.whyNot(false, true, 4L, "default")).isEqualTo("the JIT is off");
        assertThat(JitHints.whyNot(true, null, 4L, "default")).as("an unknown flag is not taken for on").isNotNull();
    }

    @Test
    void neverThrowsAndSaysWhyWhenNotAdded() {
        assertThat(JitHints.add(null, "jitHints=off")).isEqualTo("compiler directives not added: jitHints=off");
        assertThat(JitHints.add(null, "jitHints=maybe"))
                .isEqualTo("compiler directives not added: the agent arguments are not valid");
        assertThat(JitHints.add(null, "config=a.yaml")).as("no Instrumentation in a unit test")
                .startsWith("compiler directives not added: java.lang.NullPointerException");
    }

    /** Whether a pattern matches the class's methods: a package's {@code *.*} covers its subpackages too. */
    private static boolean covered(Class<?> type) {
        String name = type.getName().replace('.', '/');
        return JitHints.C1_ONLY.stream().anyMatch(pattern -> pattern.endsWith("/*.*")
                ? name.startsWith(pattern.substring(0, pattern.length() - "*.*".length()))
                : name.equals(pattern.substring(0, pattern.length() - ".*".length())));
    }
}
