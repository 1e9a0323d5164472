package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.corpus.runner.CorpusRunner;
import io.resilienceagent.it.corpus.Corpus;
import io.resilienceagent.it.corpus.CorpusBuild;
import io.resilienceagent.it.corpus.CorpusRun;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytecode that real compilers write, woven by the agent on Java 17 and 25: javac ({@code --release} 7,
 * 8 and 17), Kotlin, Scala 2.13, dynamic and {@code @CompileStatic} Groovy, and class files of versions
 * 48 to 50 with JSR/RET subroutines and no stack-map frames (see {@link CorpusBuild} for the corpus and
 * {@link CorpusRunner} for the application that calls it).
 *
 * <p>Every corpus method begins with {@code Flaky.step}, which counts the run and fails as the runner's
 * plan says: {@code clean} never, {@code flaky} twice with a {@code SocketTimeoutException} (transient),
 * {@code down} always with one, {@code broken} always with an {@code IllegalStateException} (not
 * transient). Each case then returns a value computed from its arguments. One child JVM per JDK runs all
 * cases under all plans (the tests below share it); without the agent every first failure reaches the
 * caller ({@link #withoutTheAgentTheFirstFailureReachesTheCaller}), so each test here fails if the
 * weaving is missing. The generated {@code Huge.huge} is the one method expected to run unwoven.
 *
 * <p>Takes about half a minute: compiling the corpus (10 to 20 s), one child JVM per JDK under the agent
 * (about 6 s each) and one without it (about 2 s each).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BytecodeCorpusTest {
    private static final int MAX_ATTEMPTS = 3;
    private static final String RETRY = "retry: { maxAttempts: " + MAX_ATTEMPTS + ", minWait: 1ms, maxWait: 5ms }";
    private static final String TRANSIENT = "java.net.SocketTimeoutException";
    private static final String NON_TRANSIENT = "java.lang.IllegalStateException";
    private static final String HUGE = "java17.huge.huge";
    private static final String HUGE_METHOD = "com.example.corpus.javac.Huge.huge(int,long)";
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);
    /** A {@link LinkageError} or one of its subclasses, by name, in the child's stderr. */
    private static final Pattern LINKAGE_ERRORS = Pattern.compile("(VerifyError|LinkageError|ClassFormatError|"
            + "IncompatibleClassChangeError|NoSuchMethodError|NoSuchFieldError|AbstractMethodError|NoClassDefFoundError|"
            + "UnsupportedClassVersionError|ClassCircularityError|BootstrapMethodError|ExceptionInInitializerError)");

    /** Groovy closures are classes of their own with public {@code doCall} methods: only these classes are covered. */
    private static final List<String> GROOVY_CLASSES = List.of("DynamicCases", "StaticCases", "DynamicUpper", "StaticUpper",
            "GroovyOuter$Inner", "GroovyOuter$Nested");

    /** The shapes the corpus must hold, per suite label: a suite that lost one fails the test. */
    private static final List<String> REQUIRED_CASES = requiredCases();

    /** Methods that bridges or synthetic stubs call: these, not their callers, are woven. */
    private static final List<String> REAL_METHODS_BEHIND_STUBS = List.of(
            "com.example.corpus.javac.Upper.apply(java.lang.String)",
            "com.example.corpus.javac.Squares.make(int)",
            "com.example.corpus.kotlin.StringBox.put(java.lang.String)",
            "com.example.corpus.kotlin.DefaultsKt.greet(java.lang.String,java.lang.String)",
            "com.example.corpus.kotlin.Formatter.format(long,int,java.lang.String)",
            "com.example.corpus.scala.StringBox.put(java.lang.String)",
            "com.example.corpus.groovy.DynamicUpper.apply(java.lang.String)",
            "com.example.corpus.groovy.StaticUpper.apply(java.lang.String)");

    @TempDir
    Path dir;

    private Corpus corpus;
    private final Map<String, CorpusRun> runs = new ConcurrentHashMap<>();

    @BeforeAll
    void compileCorpus() {
        corpus = CorpusBuild.get();
        System.out.println("bytecode corpus compiled in " + corpus.buildTime().toMillis() + " ms");
    }

    /** The agent wove classes of every corpus, and none of them failed verification or linking. */
    @JdkTest
    void everyCorpusClassIsWovenAndLoadsWithoutVerifyOrLinkageErrors(Jdk jdk) {
        CorpusRun run = underAgent(jdk);

        assertThat(run.child().exitCode()).as(run::describe).isZero();
        assertThat(run.child().stdoutLines()).as(run::describe).contains("DONE").noneMatch(l -> l.startsWith("SUITE_ERROR"));
        assertThat(run.ops()).as(run::describe).containsAll(REQUIRED_CASES);
        for (String corpusPackage : List.of("javac", "kotlin", "scala", "groovy", "legacy")) {
            assertThat(run.instrumented()).as("classes of the %s corpus were woven%n%s", corpusPackage, run.describe())
                    .anyMatch(m -> m.startsWith("com.example.corpus." + corpusPackage + "."));
        }
        assertThat(run.child().stderrLines().stream().filter(l -> LINKAGE_ERRORS.matcher(l).find()).toList())
                .as("no class failed verification or linking%n%s", run.describe()).isEmpty();
    }

    /**
     * Two transient failures, then success: three runs of the body and the exact value, which each case
     * computes from its arguments only, so a retry that saw a reassigned parameter (the
     * {@code reassign.*} cases overwrite theirs before failing), a wrong slot or a lost receiver would
     * return another value. Without a failure the woven method returns the same value at once.
     */
    @JdkTest
    void everyCaseReturnsItsExactValueAndIsRetriedUntilItSucceeds(Jdk jdk) {
        CorpusRun run = underAgent(jdk);
        SoftAssertions softly = new SoftAssertions();
        for (CallResult r : run.results("clean")) {
            expectValue(softly, r, 1);
        }
        for (CallResult r : run.results("flaky")) {
            if (!r.op().equals(HUGE)) {
                expectValue(softly, r, MAX_ATTEMPTS);
            }
        }
        assertThat(messages(softly)).as(run::describe).isEmpty();
    }

    /** A transient failure on every run: {@code maxAttempts} runs, then the caller gets the original exception. */
    @JdkTest
    void aTransientFailureOnEveryAttemptStopsAtMaxAttemptsWithTheOriginalException(Jdk jdk) {
        CorpusRun run = underAgent(jdk);
        SoftAssertions softly = new SoftAssertions();
        for (CallResult r : run.results("down")) {
            if (!r.op().equals(HUGE)) {
                expectThrown(softly, r, MAX_ATTEMPTS, TRANSIENT);
            }
        }
        assertThat(messages(softly)).as(run::describe).isEmpty();
    }

    /** The same woven methods that retry a transient failure let a non-transient one through at once. */
    @JdkTest
    void aNonTransientFailureIsNotRetried(Jdk jdk) {
        CorpusRun run = underAgent(jdk);
        SoftAssertions softly = new SoftAssertions();
        for (CallResult r : run.results("broken")) {
            expectThrown(softly, r, 1, NON_TRANSIENT);
            if (!r.op().equals(HUGE)) {
                CallResult flaky = run.result(r.op(), "flaky");
                softly.assertThat(flaky.attempts()).as("%s: woven, so a transient failure is retried", flaky).isEqualTo(MAX_ATTEMPTS);
            }
        }
        assertThat(messages(softly)).as(run::describe).isEmpty();
    }

    /**
     * The generated {@code Huge.huge} is 65,532 bytes of bytecode: too large once woven. It runs as
     * written, unprotected, with one warning naming the method; {@code small}, in the same class, is
     * still woven.
     */
    @JdkTest
    void aMethodTooLargeToWeaveRunsUnprotectedAndTheRestOfItsClassIsWoven(Jdk jdk) {
        CorpusRun run = underAgent(jdk);

        assertThat(run.child().logLinesContaining("Could not instrument")).as(run::describe)
                .singleElement().asString()
                .startsWith("WARN  Could not instrument " + HUGE_METHOD + ", it runs unprotected: ")
                .hasSizeGreaterThan(("WARN  Could not instrument " + HUGE_METHOD + ", it runs unprotected: ").length());
        CallResult unprotected = run.result(HUGE, "flaky");
        assertThat(unprotected.outcome()).as(run::describe).isEqualTo("THROWN");
        assertThat(unprotected.exceptionClass()).as(run::describe).isEqualTo(TRANSIENT);
        assertThat(unprotected.attempts()).as("not retried%n%s", run.describe()).isEqualTo(1);
        assertThat(run.result(HUGE, "down").attempts()).as(run::describe).isEqualTo(1);
        CallResult clean = run.result(HUGE, "clean");
        assertThat(clean.value()).as("the method as written ran%n%s", run.describe()).isEqualTo(clean.get("expected"));

        CallResult small = run.result("java17.huge.small", "flaky");
        assertThat(small.outcome()).as("the other method of the class is woven%n%s", run.describe()).isEqualTo("OK");
        assertThat(small.attempts()).as(run::describe).isEqualTo(MAX_ATTEMPTS);
        assertThat(run.instrumented()).as(run::describe)
                .contains("com.example.corpus.javac.Huge.small(int)").doesNotContain(HUGE_METHOD);
    }

    /**
     * Bridges and synthetic methods (javac's lambda bodies, Kotlin's {@code $default} stubs, accessors)
     * are covered by the patterns but never woven themselves; the methods they call are, and calls through
     * them are retried (the {@code bridge.*} and {@code default.*} cases).
     */
    @JdkTest
    void bridgesAndSyntheticMethodsAreNeverWovenTheMethodsTheyCallAre(Jdk jdk) {
        CorpusRun run = underAgent(jdk);

        assertThat(corpus.bridgesAndSynthetics()).as("the corpus has bridges, $default stubs and lambda bodies")
                .contains("com.example.corpus.javac.Upper.apply(java.lang.Object)",
                        "com.example.corpus.kotlin.StringBox.put(java.lang.Object)",
                        "com.example.corpus.kotlin.DefaultsKt.greet$default(java.lang.String,java.lang.String,int,java.lang.Object)")
                .anyMatch(m -> m.startsWith("com.example.corpus.javac.Lambdas.lambda$"));
        assertThat(run.instrumented()).as(run::describe)
                .containsAll(REAL_METHODS_BEHIND_STUBS)
                .doesNotContainAnyElementsOf(corpus.bridgesAndSynthetics());
    }

    /**
     * A lambda body is never woven, also where the compiler does not mark it synthetic: Kotlin 2 compiles
     * a lambda to a {@code private static final} method named after its function ({@code scaled$lambda$0})
     * that {@code LambdaMetafactory} calls.
     */
    @JdkTest
    void lambdaBodiesAreNeverWovenEvenWhenNotMarkedSynthetic(Jdk jdk) {
        CorpusRun run = underAgent(jdk);

        assertThat(corpus.lambdaBodies()).as("the corpus has lambda bodies in javac, Kotlin and Scala classes")
                .anyMatch(m -> m.startsWith("com.example.corpus.javac.Lambdas.lambda$"))
                .anyMatch(m -> m.startsWith("com.example.corpus.kotlin.Account.scaled$lambda$"))
                .anyMatch(m -> m.startsWith("com.example.corpus.scala.Account.$anonfun$"));
        assertThat(run.instrumented()).as(run::describe)
                .contains("com.example.corpus.javac.Lambdas.capture(int,int)", "com.example.corpus.kotlin.Account.scaled(int,int)",
                        "com.example.corpus.scala.Account.lambda(int,int)")
                .doesNotContainAnyElementsOf(corpus.lambdaBodies());
    }

    /**
     * The control: the same corpus without {@code -javaagent}. Every case returns its expected value when
     * nothing fails, so the values are the methods' own; and under the flaky plan every call fails at
     * the first attempt.
     */
    @JdkTest
    void withoutTheAgentTheFirstFailureReachesTheCaller(Jdk jdk) {
        CorpusRun run = new CorpusRun(ChildJvm.on(jdk).withoutAgent().timeout(CHILD_TIMEOUT)
                .main(CorpusRunner.class, corpus.classPath(), runnerArguments("modes=clean,flaky")).run());

        assertThat(run.child().exitCode()).as(run::describe).isZero();
        assertThat(run.ops()).as(run::describe).containsAll(REQUIRED_CASES);
        SoftAssertions softly = new SoftAssertions();
        for (CallResult r : run.results("clean")) {
            expectValue(softly, r, 1);
        }
        for (CallResult r : run.results("flaky")) {
            expectThrown(softly, r, 1, TRANSIENT);
        }
        assertThat(messages(softly)).as(run::describe).isEmpty();
        assertThat(run.child().agentLog()).as(run::describe).isEmpty();
    }

    private static void expectValue(SoftAssertions softly, CallResult r, int attempts) {
        softly.assertThat(r.outcome()).as("%s: outcome", r).isEqualTo("OK");
        softly.assertThat(r.attempts()).as("%s: attempts", r).isEqualTo(attempts);
        softly.assertThat(r.value()).as("%s: value", r).isEqualTo(r.get("expected"));
    }

    private static void expectThrown(SoftAssertions softly, CallResult r, int attempts, String exception) {
        softly.assertThat(r.outcome()).as("%s: outcome", r).isEqualTo("THROWN");
        softly.assertThat(r.attempts()).as("%s: attempts", r).isEqualTo(attempts);
        softly.assertThat(r.exceptionClass()).as("%s: exception", r).isEqualTo(exception);
    }

    /** The soft assertions' failures, one message each, so that one failed assertion lists every failing case. */
    private static List<String> messages(SoftAssertions softly) {
        return softly.errorsCollected().stream().map(Throwable::getMessage).map(String::strip).toList();
    }

    /** The run under the agent on {@code jdk}: one child JVM, shared by the tests of this class. */
    private CorpusRun underAgent(Jdk jdk) {
        return runs.computeIfAbsent(jdk.feature(), feature -> new CorpusRun(ChildJvm.on(jdk).withConfig(config())
                .timeout(CHILD_TIMEOUT)
                .main(CorpusRunner.class, corpus.classPath(), runnerArguments("modes=clean,flaky,down,broken", "instrumented"))
                .run()));
    }

    private String[] runnerArguments(String... options) {
        return Stream.concat(Stream.of(options), corpus.suiteArguments().stream()).toArray(String[]::new);
    }

    /** One service per language, each with fast retries and a breaker that stays closed. */
    private Path config() {
        ResilienceYaml yaml = ResilienceYaml.create();
        for (String service : List.of("javac", "kotlin", "scala", "groovy", "legacy")) {
            yaml.service(service, RETRY, ResilienceYaml.LENIENT_BREAKER);
        }
        yaml.method("com.example.corpus.javac.*.*", "javac")
                .method("com.example.corpus.kotlin.*.*", "kotlin")
                .method("com.example.corpus.scala.*.*", "scala")
                .method("com.example.corpus.legacy.*.*", "legacy");
        for (String type : GROOVY_CLASSES) {
            yaml.method("com.example.corpus.groovy." + type + ".*", "groovy");
        }
        return yaml.writeTo(dir);
    }

    private static List<String> requiredCases() {
        List<String> base = new ArrayList<>(List.of("returns.void", "returns.boolean", "returns.byte", "returns.char",
                "returns.short", "returns.int", "returns.long", "returns.float", "returns.double", "returns.string",
                "returns.intArray", "returns.objectArray", "account.deposit", "wide.mix", "wide.blend",
                "reassign.everything", "reassign.countDown", "sync.method", "sync.static", "sync.block",
                "flow.tryCatchFinally", "flow.returnInTry", "switch.table", "switch.lookup", "switch.string",
                "bridge.interface", "bridge.abstract", "inner", "nested", "anonymous"));
        List<String> java8 = List.of("lambda.capture", "lambda.stream", "interface.default", "interface.static");
        List<String> java17 = List.of("record", "switchExpression", "nestmate", "huge.huge", "huge.small");
        List<String> required = new ArrayList<>();
        base.forEach(c -> required.add("java7." + c));
        Stream.concat(base.stream(), java8.stream()).forEach(c -> required.add("java8." + c));
        Stream.of(base, java8, java17).flatMap(List::stream).forEach(c -> required.add("java17." + c));
        Stream.of("returns.unit", "returns.boolean", "returns.byte", "returns.char", "returns.short", "returns.int",
                "returns.long", "returns.float", "returns.double", "returns.string", "returns.intArray",
                "returns.objectArray", "wide", "beneath.elvis.long.early", "beneath.elvis.string.early",
                "beneath.ifReturn.early", "beneath.whenReturn.early", "sync.method", "sync.block", "tryCatchFinally",
                "when.table", "when.lookup", "when.string", "lambda", "object", "companion", "default.topLevel",
                "default.member.allDefaults", "bridge", "interface.default", "inner", "nested")
                .forEach(c -> required.add("kotlin." + c));
        Stream.of("returns.unit", "returns.boolean", "returns.byte", "returns.char", "returns.short", "returns.int",
                "returns.long", "returns.float", "returns.double", "returns.string", "returns.intArray",
                "returns.objectArray", "wide", "beneath.return.long.early", "beneath.return.string.early",
                "beneath.return.double.early", "sync.block", "sync.this", "tryCatchFinally", "match.table",
                "match.lookup", "match.string", "lambda", "object", "trait", "bridge", "inner", "nested")
                .forEach(c -> required.add("scala." + c));
        for (String flavour : List.of("dynamic.", "static.")) {
            Stream.of("void", "boolean", "byte", "char", "short", "int", "long", "float", "double", "string", "intArray",
                    "wide", "reassign", "sync.method", "sync.block", "tryCatchFinally", "switch", "closure", "bridge")
                    .forEach(c -> required.add("groovy." + flavour + c));
        }
        required.add("groovy.inner");
        required.add("groovy.nested");
        for (int version : new int[] {48, 49, 50}) {
            required.add("legacy.v" + version + ".finally");
            required.add("legacy.v" + version + ".wide");
        }
        return List.copyOf(required);
    }
}
