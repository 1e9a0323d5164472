package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.app.FaultApp;
import io.resilienceagent.it.harness.Artifacts;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.LauncherJar;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults never reach the application. A class the agent cannot transform (a method so close to the
 * JVM's 64 KB bytecode limit that the advice pushes it over) loads unchanged, with one log line, and
 * works; the agent keeps protecting other classes. Exceptions thrown inside the agent's engine (a status
 * accessor that throws, a cause chain that cannot be walked, an {@code openException} that cannot be
 * built) leave the caller with what it would have seen without the agent, or with the documented
 * {@code CircuitBreakerOpenException}, and each is logged once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentFaultTest {
    private static final String OPEN_EXCEPTION = "io.resilienceagent.CircuitBreakerOpenException";
    private static final String HUGE_CLASS = "com.example.generated.HugeMethod";
    /** Array elements in the generated method: 8 bytes of bytecode each, 65,474 bytes in all (the limit is 65,535). */
    private static final int HUGE_ELEMENTS = 8196;
    private static final int MAX_CODE_LENGTH = 65_535;

    private Path generatedClasses;

    @TempDir
    Path dir;

    @BeforeAll
    void generateClasses(@TempDir Path generated) throws IOException {
        generatedClasses = compileGeneratedClasses(generated);
    }

    @JdkTest
    void methodThatCannotBeWovenLoadsUnchangedAndWorks(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("huge", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .service("faults", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .method(HUGE_CLASS + ".compute", "huge")
                .method("com.example.app.FaultClient.flaky", "faults")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).jar(launcher(), "huge 5", "huge 5", "flaky", "instrumented").run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.logLinesContaining("Could not instrument")).as("one line about the method left unwoven%n%s", run.describe())
                .containsExactly("WARN  Could not instrument " + HUGE_CLASS + ".compute(int), it runs unprotected: "
                        + "its code would exceed the JVM's limit of 65535 bytes once woven");
        CallResult first = run.call(1);
        assertThat(first.exceptionClass()).as("unprotected: the refusal is not retried%n%s", run.describe())
                .isEqualTo("java.net.ConnectException");
        assertThat(first.attempts()).isEqualTo(1);
        CallResult second = run.call(2);
        assertThat(second.outcome()).as(run::describe).isEqualTo("OK");
        assertThat(second.value()).as("the original method body ran").isEqualTo(String.valueOf(5 + 1000 + (HUGE_ELEMENTS - 1) % 1000));
        CallResult flaky = run.call(3);
        assertThat(flaky.value()).as("other classes are still protected%n%s", run.describe()).isEqualTo("flaky-ok");
        assertThat(flaky.attempts()).isEqualTo(2);
        String instrumented = run.stdoutLines().stream().filter(l -> l.startsWith("INSTRUMENTED ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.describe()));
        assertThat(instrumented).as("the agent MXBean lists what was really transformed")
                .contains("com.example.app.FaultClient.flaky()").doesNotContain("HugeMethod");
        assertThat(run.stderr()).as(run::describe).doesNotContain("Exception in thread").doesNotContain("\tat ");
    }

    @JdkTest
    void exceptionsInsideTheAgentNeverReachTheApplication(Jdk jdk) {
        Path config = ResilienceYaml.create()
                .service("faults", ResilienceYaml.FAST_RETRY, ResilienceYaml.LENIENT_BREAKER)
                .service("ctorBomb", "retry: { maxAttempts: 1 }", "circuitBreaker: { failureThreshold: 1, recoveryTimeout: 60s, "
                        + "openException: com.example.app.ThrowingCtorException }")
                .service("initBomb", "retry: { maxAttempts: 1 }", "circuitBreaker: { failureThreshold: 1, recoveryTimeout: 60s, "
                        + "openException: com.example.app.BrokenInitException }")
                .method("com.example.app.FaultClient.explodingStatus", "faults")
                .method("com.example.app.FaultClient.throwStatusBomb", "faults")
                .method("com.example.app.FaultClient.poisonedCause", "faults")
                .method("com.example.app.FaultClient.optional", "faults")
                .method("com.example.app.FaultClient.ctorBomb", "ctorBomb")
                .method("com.example.app.FaultClient.initBomb", "initBomb")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).jar(launcher(),
                "exploding-status", "status-bomb",          // 1-2
                "poisoned-cause", "poisoned-cause",         // 3-4
                "ctor-bomb", "ctor-bomb", "ctor-bomb",      // 5-7
                "init-bomb", "init-bomb", "init-bomb",      // 8-10
                "optional optional-dep").run();             // 11

        assertThat(run.exitCode()).as(run::describe).isZero();
        String why = run.describe();

        // a status accessor that throws: the value has no status, the call succeeds at once
        assertThat(run.call(1).outcome()).as(why).isEqualTo("OK");
        assertThat(run.call(1).value()).isEqualTo("exploding-status");
        assertThat(run.call(1).attempts()).isEqualTo(1);
        // on a thrown exception: no status, not transient, so it reaches the caller at once
        assertThat(run.call(2).exceptionClass()).as(why).isEqualTo("com.example.app.StatusBombException");
        assertThat(run.call(2).attempts()).isEqualTo(1);

        // a cause chain whose getCause() throws: the walk stops there; the exception itself is a refused
        // connection, so it is retried, and the caller gets its own exception at the end
        for (int call : new int[] {3, 4}) {
            assertThat(run.call(call).exceptionClass()).as(why).isEqualTo("com.example.app.PoisonedCauseException");
            assertThat(run.call(call).attempts()).isEqualTo(3);
        }
        // a returned value whose class names a type missing at run time: reflecting on it for a status fails
        assertThat(run.call(11).outcome()).as(why).isEqualTo("OK");
        assertThat(run.call(11).value()).isEqualTo("optional-dependency-response");
        assertThat(run.call(11).attempts()).isEqualTo(1);
        assertThat(run.logLinesContaining("internal error")).as("each case is handled, none is an internal error%n%s", why)
                .isEmpty();

        // an openException that cannot be built: the default rejection, logged once per service
        assertThat(run.call(5).exceptionClass()).as(why).isEqualTo("java.net.ConnectException");
        assertThat(run.call(8).exceptionClass()).as(why).isEqualTo("java.net.ConnectException");
        for (int call : new int[] {6, 7, 9, 10}) {
            assertThat(run.call(call).exceptionClass()).as("call %d%n%s", call, why).isEqualTo(OPEN_EXCEPTION);
            assertThat(run.call(call).attempts()).as("rejected without running the body").isZero();
        }
        assertThat(run.call(6).message()).isEqualTo("Circuit breaker open for ctorBomb");
        assertThat(run.call(9).message()).isEqualTo("Circuit breaker open for initBomb");
        assertThat(run.logLinesContaining("Cannot build openException com.example.app.ThrowingCtorException for ctorBomb"))
                .as(why).hasSize(1);
        assertThat(run.logLinesContaining("Cannot build openException com.example.app.BrokenInitException for initBomb"))
                .as(why).hasSize(1);
        assertThat(run.stderr()).doesNotContain("Exception in thread").doesNotContain("\tat ");
    }

    /**
     * Trouble while the outcome of a HALF_OPEN trial call is being classified must not cost the breaker
     * its trial slot: with {@code halfOpenMaxCalls: 1}, a leaked slot would reject every later call,
     * forever. Two triggers: an exception whose {@code getCause()} throws, and (realistic) a successful
     * response whose class names an optional dependency that is not installed, so looking up its status
     * accessor throws {@link NoClassDefFoundError}. Both are now judged (a refused connection, a response
     * without status) rather than failing inside the agent; the engine also settles the trial slot when
     * classification fails for any other reason (unit-tested in the agent module).
     */
    @JdkTest
    void internalErrorDuringAHalfOpenTrialDoesNotWedgeTheBreaker(Jdk jdk) {
        String breaker = "circuitBreaker: { failureThreshold: 1, recoveryTimeout: 300ms, successThreshold: 1, halfOpenMaxCalls: 1 }";
        Path config = ResilienceYaml.create()
                .service("leaky", "retry: { maxAttempts: 1 }", breaker)
                .service("optional", "retry: { maxAttempts: 1 }", breaker)
                .method("com.example.app.FaultClient.leaky", "leaky")
                .method("com.example.app.FaultClient.optional", "optional")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config).jar(launcher(),
                "leaky fail", "optional fail",              // 1-2: open both breakers
                "sleep 400",                                // past recoveryTimeout
                "leaky poison", "optional optional-dep",    // 3-4: the trial calls; classifying them fails inside the agent
                "sleep 400",                                // past recoveryTimeout again, whatever 3-4 did to the breakers
                "leaky ok", "leaky ok",                     // 5-6: the services are fine
                "optional ok", "optional ok").run();        // 7-8

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.call(1).exceptionClass()).as(run::describe).isEqualTo("java.net.ConnectException");
        assertThat(run.call(2).exceptionClass()).as(run::describe).isEqualTo("java.net.ConnectException");
        assertThat(run.call(3).exceptionClass()).as(run::describe).isEqualTo("com.example.app.PoisonedCauseException");
        assertThat(run.call(4).value()).as(run::describe).isEqualTo("optional-dependency-response");
        assertThat(run.logLinesContaining("HALF_OPEN -> OPEN (trial call failed)")).as("the refused trial counts")
                .hasSize(1);
        assertThat(run.logLinesContaining("Circuit breaker for optional: HALF_OPEN -> CLOSED")).as("the response counts")
                .hasSize(1);
        for (int call : new int[] {5, 6, 7, 8}) {
            assertThat(run.call(call).outcome()).as("call %d: the breaker must not stay wedged in HALF_OPEN%n%s", call, run.describe())
                    .isEqualTo("OK");
        }
    }

    private Path launcher() {
        return LauncherJar.write(dir.resolve("fault-app.jar"), FaultApp.class.getName(),
                List.of(Artifacts.testClasses(), generatedClasses));
    }

    /**
     * Compiles, into {@code root/classes}:
     * <ul>
     * <li>{@value #HUGE_CLASS}, with a method of about 65,474 bytes of bytecode: legal as written, but too
     * large once the agent's advice is added, so ASM cannot write the woven class;</li>
     * <li>{@code OptionalDependencyResponse}, a response type with a method that takes
     * {@code MissingLibraryType}, whose class file is then deleted: an optional dependency that is not
     * installed. The class loads and works, but reflecting on its methods throws NoClassDefFoundError.</li>
     * </ul>
     */
    private static Path compileGeneratedClasses(Path root) throws IOException {
        String values = IntStream.range(0, HUGE_ELEMENTS).mapToObj(i -> String.valueOf(1000 + i % 1000))
                .collect(Collectors.joining(", "));
        Path sources = root.resolve("src/com/example/generated");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("HugeMethod.java"), """
                package com.example.generated;

                public final class HugeMethod {
                    private static int attempts;

                    public static int attempts() {
                        return attempts;
                    }

                    /** Refused on the first call (transient: a protected version would retry it), then computes. */
                    public static int compute(int seed) throws java.net.ConnectException {
                        attempts++;
                        if (attempts == 1) {
                            throw new java.net.ConnectException("Connection refused (simulated)");
                        }
                        int[] table = {%s};
                        return seed + table[table.length - 1];
                    }
                }
                """.formatted(values), StandardCharsets.UTF_8);
        Files.writeString(sources.resolve("MissingLibraryType.java"), """
                package com.example.generated;

                public class MissingLibraryType {
                }
                """, StandardCharsets.UTF_8);
        Files.writeString(sources.resolve("OptionalDependencyResponse.java"), """
                package com.example.generated;

                public class OptionalDependencyResponse {
                    public int statusCode() {
                        return 200;
                    }

                    public void attach(MissingLibraryType optionalFeature) {
                    }

                    @Override
                    public String toString() {
                        return "optional-dependency-response";
                    }
                }
                """, StandardCharsets.UTF_8);
        Path classes = root.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("the tests run on a JDK, which has javac").isNotNull();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, "--release", "17", "-d", classes.toString(),
                sources.resolve("HugeMethod.java").toString(), sources.resolve("MissingLibraryType.java").toString(),
                sources.resolve("OptionalDependencyResponse.java").toString());
        assertThat(status).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
        Files.delete(classes.resolve("com/example/generated/MissingLibraryType.class"));
        int codeLength = codeLength(classes.resolve("com/example/generated/HugeMethod.class"), "compute");
        assertThat(codeLength).as("compute() must sit just below the limit, so that any advice pushes it over")
                .isBetween(MAX_CODE_LENGTH - 100, MAX_CODE_LENGTH);
        return classes;
    }

    /** The bytecode length of the method {@code name} in a class file (its Code attribute's code_length). */
    private static int codeLength(Path classFile, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(classFile))) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.skipBytes(2 * in.readUnsignedShort());
            for (int fields = in.readUnsignedShort(); fields > 0; fields--) {
                in.skipBytes(6);
                skipAttributes(in);
            }
            for (int methods = in.readUnsignedShort(); methods > 0; methods--) {
                in.readUnsignedShort();
                String methodName = utf8[in.readUnsignedShort()];
                in.readUnsignedShort();
                for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (methodName.equals(name) && attribute.equals("Code")) {
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                        return in.readInt();
                    }
                    in.skipBytes(length);
                }
            }
        }
        throw new IOException("no method " + name + " in " + classFile);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        for (int attributes = in.readUnsignedShort(); attributes > 0; attributes--) {
            in.readUnsignedShort();
            in.skipBytes(in.readInt());
        }
    }
}
