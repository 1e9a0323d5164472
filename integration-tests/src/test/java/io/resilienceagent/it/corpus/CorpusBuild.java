package io.resilienceagent.it.corpus;

import io.resilienceagent.it.harness.Artifacts;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the bytecode corpus once per test JVM, from {@code src/test/corpus} into {@code target/corpus}:
 *
 * <ul>
 * <li>{@code javac/java7}, {@code javac/java8}, {@code javac/java17}: the Java sources for each
 * {@code --release} that can express them (7: the base set; 8: plus lambdas and default methods; 17:
 * plus Java 17 shapes and the generated {@link HugeMethodSource huge method}); {@code javac/suites}: the
 * Java suites, compiled once and loaded beside each release;</li>
 * <li>{@code kotlin}, {@code scala}, {@code groovy}: each language's corpus and its suite, compiled by
 * that language's real compiler in-process;</li>
 * <li>{@code legacy}: class files of versions 48 to 50 written by {@link OldClassFiles}, and their suite.</li>
 * </ul>
 *
 * Each compiler's class path is the shared support classes ({@code com.example.corpus.support}, copied
 * from the test classes to {@code support}) and its language's runtime; the runtimes are the jars of the
 * test class path, which the child JVMs get too.
 */
public final class CorpusBuild {
    private static final String SUITES = "com.example.corpus.javac.suite.";
    private static Corpus built;

    private CorpusBuild() {
    }

    /** The corpus, compiled on the first call. */
    public static synchronized Corpus get() {
        if (built == null) {
            try {
                built = build(Artifacts.testClasses().getParent().getParent());
            } catch (Exception e) {
                throw new IllegalStateException("could not build the bytecode corpus: " + e.getMessage(), e);
            }
        }
        return built;
    }

    private static Corpus build(Path module) throws Exception {
        long start = System.nanoTime();
        Path sources = module.resolve("src/test/corpus");
        Path out = SourceFiles.emptyDirectory(module.resolve("target/corpus"));
        Path support = out.resolve("support");
        SourceFiles.copyTree(Artifacts.testClasses(), "com/example/corpus/support", support);

        Path javac = out.resolve("javac");
        compileJava(sources.resolve("javac"), support, javac);
        Path legacy = out.resolve("legacy");
        OldClassFiles.writeAll(legacy);
        Javac.compile(17, List.of(support, legacy), SourceFiles.under(".java", sources.resolve("legacy")), legacy);
        Path kotlinStdlib = jarOf("kotlin.Unit");
        Path scalaLibrary = jarOf("scala.Predef");
        Path groovyRuntime = jarOf("groovy.lang.GroovyObject");
        Path kotlin = out.resolve("kotlin");
        KotlinCompiler.compile(sources.resolve("kotlin"), List.of(support, kotlinStdlib), kotlin);
        Path scala = out.resolve("scala");
        ScalaCompiler.compile(sources.resolve("scala"), List.of(support, scalaLibrary), scala);
        Path groovy = out.resolve("groovy");
        GroovyCompiler.compile(sources.resolve("groovy"), List.of(support), groovy);

        ClassFileScan scan = new ClassFileScan();
        for (Path classes : List.of(javac.resolve("java7"), javac.resolve("java8"), javac.resolve("java17"), legacy, kotlin,
                scala, groovy)) {
            scan.add(classes);
        }
        List<String> suiteArguments = List.of(
                javacSuite(javac, 7, "BaseSuite"),
                javacSuite(javac, 8, "BaseSuite", "Java8Suite"),
                javacSuite(javac, 17, "BaseSuite", "Java8Suite", "Java17Suite"),
                "suite=kotlin||com.example.corpus.kotlin.suite.KotlinSuite",
                "suite=scala||com.example.corpus.scala.suite.ScalaSuite",
                "suite=groovy||com.example.corpus.groovy.suite.GroovySuite",
                "suite=legacy||com.example.corpus.legacy.suite.LegacySuite");
        return new Corpus(List.of(kotlin, scala, groovy, legacy, kotlinStdlib, scalaLibrary, groovyRuntime), suiteArguments,
                scan.bridgesAndSynthetics(), scan.lambdaBodies(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** The Java corpus for releases 7, 8 and 17 into {@code out/java<release>}, and the suites into {@code out/suites}. */
    private static void compileJava(Path sources, Path support, Path out) throws IOException {
        Path base = sources.resolve("base");
        Path java8 = sources.resolve("java8");
        Path java17 = sources.resolve("java17");
        Javac.compile(7, List.of(support), SourceFiles.under(".java", base), out.resolve("java7"));
        Javac.compile(8, List.of(support), SourceFiles.under(".java", base, java8), out.resolve("java8"));
        List<String> java17Sources = new ArrayList<>(SourceFiles.under(".java", base, java8, java17));
        java17Sources.add(HugeMethodSource.write(out.resolve("generated-src")).toString());
        Javac.compile(17, List.of(support), java17Sources, out.resolve("java17"));
        checkHuge(out.resolve("java17"));
        Javac.compile(17, List.of(support, out.resolve("java17")), SourceFiles.under(".java", sources.resolve("suite")),
                out.resolve("suites"));
    }

    /** The runner argument for the suites over the classes javac compiled for {@code release}, in a loader of their own. */
    private static String javacSuite(Path javac, int release, String... suites) {
        List<String> names = new ArrayList<>();
        for (String suite : suites) {
            names.add(SUITES + suite);
        }
        return "suite=java" + release + "|" + javac.resolve("java" + release) + File.pathSeparator + javac.resolve("suites")
                + "|" + String.join(",", names);
    }

    /** Fails the build unless javac really wrote the huge method right up to the size limit. */
    private static void checkHuge(Path classes) {
        int length = CodeLength.ofLongMethod(classes, "com.example.corpus.javac.Huge");
        if (length != HugeMethodSource.CODE_LENGTH) {
            throw new IllegalStateException("javac wrote Huge.huge with " + length + " bytes of bytecode, not "
                    + HugeMethodSource.CODE_LENGTH + ": adjust HugeMethodSource so that it stays at the 64 KB limit");
        }
    }

    /** The jar (on the test class path) that holds {@code className}: a language runtime for the child JVM. */
    private static Path jarOf(String className) throws ClassNotFoundException, URISyntaxException {
        return Path.of(Class.forName(className, false, CorpusBuild.class.getClassLoader())
                .getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
