package io.resilienceagent.it.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;

/** kotlinc, in-process ({@code kotlin-compiler-embeddable}'s {@link K2JVMCompiler}), with its default JVM target. */
final class KotlinCompiler {
    private KotlinCompiler() {
    }

    /** Compiles every {@code .kt} file under {@code sources}; {@code classPath} must hold kotlin-stdlib. */
    static void compile(Path sources, List<Path> classPath, Path out) throws IOException {
        Files.createDirectories(out);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        ExitCode status;
        try (PrintStream stream = new PrintStream(messages, true, StandardCharsets.UTF_8)) {
            status = new K2JVMCompiler().exec(stream, "-no-stdlib", "-no-reflect", "-nowarn",
                    "-classpath", SourceFiles.classPath(classPath), "-d", out.toString(), sources.toString());
        }
        if (status != ExitCode.OK) {
            throw new IllegalStateException("kotlinc failed (" + status + "):\n" + messages.toString(StandardCharsets.UTF_8));
        }
    }
}
