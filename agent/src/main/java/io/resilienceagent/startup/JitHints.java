package io.resilienceagent.startup;

import io.resilienceagent.log.AgentLog;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A start-up optimisation only: tells HotSpot's JIT, with compiler directives, to compile the code that
 * runs for every class the application loads (the weaver, its shaded ASM, the agent's start-up) with C1
 * only, and not to inline it into the JDK's transformer dispatch. That code is busy only while the
 * application starts, and C2 spent more CPU compiling it than its code saved (BENCHMARKS.md). The code
 * that protects calls ({@code policy}, {@code bootstrap}, {@code config}'s settings) is left to C2.
 *
 * <p>HotSpot takes directives at run time only as the diagnostic command {@code Compiler.directives_add}
 * with a file name. The JDK runs diagnostic commands for JMX from {@code jdk.management}; this calls that
 * entry directly, its package opened to the agent's module alone ({@link Instrumentation#redefineModule}),
 * because the platform MBean server around it costs about 90 ms of CPU and would set up
 * {@code java.util.logging} before an application server chooses its log manager.
 *
 * <p>Runs on a thread of its own, beside {@code main}: the private entry is reached by reflection, whose
 * first use costs milliseconds (more on JDK 18 and later, JEP 416), and the directives only need to be
 * in place before C2 would compile the weaver, thousands of classes later. Not done with
 * {@code jitHints=off}, when C2 is the only compiler (the excluded code would then run interpreted),
 * when C2 or the JIT is off, and on any failure: one DEBUG line says which.
 */
final class JitHints implements Runnable {
    /**
     * The code that runs for every loaded class, as HotSpot's method patterns: packages (with their
     * subpackages) and the one class of {@code config} the weaver asks whether a name is the JDK's. None of
     * it runs when a woven method is called.
     */
    static final List<String> C1_ONLY = List.of(
            "io/resilienceagent/weaving/*.*", "io/resilienceagent/shaded/*.*", "io/resilienceagent/startup/*.*",
            "io/resilienceagent/launch/*.*", "io/resilienceagent/config/JdkClasses.*");

    /** The two JDK methods that call every transformer; inlining the agent into them made C2 compile it all again there. */
    static final List<String> TRANSFORMER_CALLERS = List.of(
            "sun/instrument/InstrumentationImpl.transform", "sun/instrument/TransformerManager.transform");

    /** How many directives {@link #directives} holds, as HotSpot counts them back. */
    static final int DIRECTIVE_COUNT = 2;
    private static final String MANAGEMENT_MODULE = "jdk.management";
    private static final String MANAGEMENT_PACKAGE = "com.sun.management.internal";

    private final Instrumentation instrumentation;
    private final String arguments;

    private JitHints(Instrumentation instrumentation, String arguments) {
        this.instrumentation = instrumentation;
        this.arguments = arguments;
    }

    /** Adds the directives on a thread of its own; without a thread, not at all. Never throws. */
    static void start(Instrumentation instrumentation, String arguments) {
        try {
            Thread thread = new Thread(new JitHints(instrumentation, arguments), "resilience-agent-jit");
            thread.setDaemon(true);
            thread.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            AgentLog.debug("compiler directives not added: no thread for them (" + e + ")");
        }
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        String outcome = add(instrumentation, arguments);
        AgentLog.debug(outcome + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    /** The directives, in HotSpot's JSON dialect. */
    static String directives() {
        StringBuilder json = new StringBuilder("[ { match: [");
        appendQuoted(json, C1_ONLY);
        json.append("], c2: { Exclude: true } },\n  { match: [");
        appendQuoted(json, TRANSFORMER_CALLERS);
        return json.append("], inline: [\"-io/resilienceagent/*.*\"] } ]\n").toString();
    }

    private static void appendQuoted(StringBuilder json, List<String> patterns) {
        for (int i = 0; i < patterns.size(); i++) {
            json.append(i == 0 ? "\"" : ", \"").append(patterns.get(i)).append('"');
        }
    }

    /**
     * Adds the directives unless the agent arguments say {@code jitHints=off} (or cannot be read: reading
     * the config reports that); never throws.
     *
     * @return what happened, for the DEBUG line
     */
    static String add(Instrumentation instrumentation, String arguments) {
        try {
            if (!AgentArgs.parse(arguments).jitHints()) {
                return "compiler directives not added: jitHints=off";
            }
        } catch (IllegalArgumentException e) {
            return "compiler directives not added: the agent arguments are not valid";
        }
        try {
            return addDirectives(instrumentation);
        } catch (Exception | LinkageError e) {
            return "compiler directives not added: " + (e instanceof InvocationTargetException ? e.getCause() : e);
        }
    }

    private static String addDirectives(Instrumentation instrumentation) throws Exception {
        Optional<Module> management = ModuleLayer.boot().findModule(MANAGEMENT_MODULE);
        if (management.isEmpty()) {
            return "compiler directives not added: the JDK has no " + MANAGEMENT_MODULE + " module";
        }
        instrumentation.redefineModule(management.get(), Set.of(), Map.of(),
                Map.of(MANAGEMENT_PACKAGE, Set.of(JitHints.class.getModule())), Set.of(), Map.of());
        ClassLoader loader = management.get().getClassLoader();
        // its static initialiser loads the native library behind the flags and the diagnostic commands
        Class.forName(MANAGEMENT_PACKAGE + ".PlatformMBeanProviderImpl", true, loader);
        Class<?> flags = Class.forName(MANAGEMENT_PACKAGE + ".Flag", true, loader);
        Method getFlag = accessible(flags.getDeclaredMethod("getFlag", String.class));
        Method getValue = accessible(flags.getDeclaredMethod("getValue"));
        String why = whyNot(flag(getFlag, getValue, "UseCompiler"), flag(getFlag, getValue, "TieredCompilation"),
                flag(getFlag, getValue, "TieredStopAtLevel"), flag(getFlag, getValue, "CompilationMode"));
        if (why != null) {
            return "compiler directives not added: " + why;
        }
        Class<?> commands = Class.forName(MANAGEMENT_PACKAGE + ".DiagnosticCommandImpl", true, loader);
        Object runner = accessible(commands.getDeclaredMethod("getDiagnosticCommandMBean")).invoke(null);
        if (runner == null) {
            return "compiler directives not added: the JVM runs no diagnostic commands for JMX";
        }
        Method execute = accessible(commands.getDeclaredMethod("executeDiagnosticCommand", String.class));
        Path file = writeDirectives();
        try {
            String output = String.valueOf(execute.invoke(runner, "Compiler.directives_add \"" + file + "\"")).strip();
            return output.startsWith(DIRECTIVE_COUNT + " compiler directives added")
                    ? "compiler directives added: the weaver is compiled by C1 only"
                    : "compiler directives not added: the JVM said " + output.replace('\n', ' ');
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Why the directives would do harm or nothing with these JIT settings, or null when they help.
     * A flag this JVM does not have is null.
     */
    static String whyNot(Object useCompiler, Object tiered, Object stopAtLevel, Object mode) {
        if (Boolean.FALSE.equals(useCompiler)) {
            return "the JIT is off";
        }
        if (!Boolean.TRUE.equals(tiered)) {
            return "tiered compilation is off (-XX:-TieredCompilation), so C2 compiles alone";
        }
        if (!(stopAtLevel instanceof Long level) || level < 4) {
            return "C2 is off (-XX:TieredStopAtLevel=" + stopAtLevel + ")";
        }
        if (mode != null && !"default".equals(mode) && !"".equals(mode)) {
            return "the JIT runs in compilation mode " + mode;
        }
        return null;
    }

    /** The value of a JVM flag (a Boolean, Long or String), as the HotSpot diagnostic MXBean reads it. */
    private static Object flag(Method getFlag, Method getValue, String name) throws Exception {
        Object flag = getFlag.invoke(null, name);
        return flag == null ? null : getValue.invoke(flag);
    }

    private static Method accessible(Method method) {
        method.setAccessible(true);
        return method;
    }

    /**
     * A new file of the temporary directory, made with {@code O_EXCL} so that no planted file or link is
     * written through; the command reads it at once, and it is deleted after. Not
     * {@link Files#createTempFile}: its random name seeds a {@code SecureRandom}, which took 20 to 40 ms
     * here against 2 to 5 for the whole write; a name from the clock is enough for a file made exclusively.
     */
    private static Path writeDirectives() throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "resilience-agent-jit-" + System.nanoTime() + ".json");
        if (file.toString().indexOf('"') >= 0) {
            throw new IOException("the temporary directory's name holds a quote: " + file);
        }
        return Files.write(file, directives().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }
}
