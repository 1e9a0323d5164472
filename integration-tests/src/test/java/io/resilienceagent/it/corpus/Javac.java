package io.resilienceagent.it.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** javac of the JDK running the tests, in-process ({@link ToolProvider#getSystemJavaCompiler()}), for any {@code --release}. */
final class Javac {
    private Javac() {
    }

    static void compile(int release, List<Path> classPath, List<String> sources, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests must run on a JDK: there is no system Java compiler");
        }
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("--release", String.valueOf(release), "-d", out.toString(),
                "-encoding", "UTF-8", "-proc:none", "-nowarn", "-Xlint:-options",
                "-cp", SourceFiles.classPath(classPath)));
        args.addAll(sources);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, args.toArray(new String[0]));
        if (status != 0) {
            throw new IllegalStateException("javac --release " + release + " failed (" + status + "):\n"
                    + messages.toString(StandardCharsets.UTF_8));
        }
    }
}
