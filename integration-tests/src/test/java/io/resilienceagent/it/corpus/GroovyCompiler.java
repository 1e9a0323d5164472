package io.resilienceagent.it.corpus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.tools.FileSystemCompiler;

/** groovyc, in-process ({@link FileSystemCompiler}): dynamic Groovy, and {@code @CompileStatic} where the sources ask. */
final class GroovyCompiler {
    private GroovyCompiler() {
    }

    static void compile(Path sources, List<Path> classPath, Path out) throws Exception {
        Files.createDirectories(out);
        CompilerConfiguration config = new CompilerConfiguration();
        config.setTargetDirectory(out.toFile());
        config.setClasspathList(classPath.stream().map(Path::toString).toList());
        config.setSourceEncoding("UTF-8");
        List<String> files = SourceFiles.under(".groovy", sources);
        new FileSystemCompiler(config).compile(files.stream().map(File::new).toArray(File[]::new));
    }
}
