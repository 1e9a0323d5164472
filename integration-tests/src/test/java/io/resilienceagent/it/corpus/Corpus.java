package io.resilienceagent.it.corpus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The compiled bytecode corpus, ready for {@code com.example.corpus.runner.CorpusRunner} in a child JVM.
 *
 * @param classPath what the child needs after this module's test classes (which hold the runner and the
 *     shared support classes): the Kotlin, Scala, Groovy and old class-file corpora and the language runtimes
 * @param suiteArguments the runner's {@code suite=...} arguments; the javac builds for {@code --release}
 *     7, 8 and 17 share class names, so each is loaded by a class loader of its own in the child
 * @param bridgesAndSynthetics every bridge or synthetic method of the corpus classes, named as the agent's
 *     {@code InstrumentedMethods} names methods
 * @param lambdaBodies every compiler-generated lambda body of the corpus classes, synthetic or not
 * @param buildTime how long compiling took
 */
public record Corpus(List<Path> classPath, List<String> suiteArguments, List<String> bridgesAndSynthetics,
        List<String> lambdaBodies, Duration buildTime) {
}
