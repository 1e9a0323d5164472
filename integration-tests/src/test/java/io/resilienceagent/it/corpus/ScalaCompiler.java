package io.resilienceagent.it.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** scalac 2.13, in-process ({@code scala.tools.nsc.Main}); its messages go to the test's console. */
final class ScalaCompiler {
    private ScalaCompiler() {
    }

    /** Compiles every {@code .scala} file under {@code sources}; {@code classPath} must hold scala-library. */
    static void compile(Path sources, List<Path> classPath, Path out) throws IOException {
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-nowarn", "-classpath", SourceFiles.classPath(classPath),
                "-d", out.toString()));
        args.addAll(SourceFiles.under(".scala", sources));
        if (!scala.tools.nsc.Main.process(args.toArray(new String[0]))) {
            throw new IllegalStateException("scalac failed; its messages are in the test output above");
        }
    }
}
