package com.example.corpus.runner;

import com.example.corpus.support.CaseSuite;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code suite=LABEL|CLASSPATH|SUITE[,SUITE...]} argument of the {@link CorpusRunner}: the suites
 * to load, and where from. An empty CLASSPATH means the runner's own class loader; otherwise the suites
 * and the corpus classes they call come from a fresh {@link URLClassLoader} over CLASSPATH (whose parent
 * is the runner's loader, for the shared support classes). That lets one JVM run the same classes
 * compiled for several {@code --release} levels side by side.
 */
final class SuiteSpec {
    final String label;
    private final String classPath;
    private final List<String> suiteClasses;

    private SuiteSpec(String label, String classPath, List<String> suiteClasses) {
        this.label = label;
        this.classPath = classPath;
        this.suiteClasses = suiteClasses;
    }

    static SuiteSpec parse(String value) {
        String[] parts = value.split("\\|", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("expected suite=LABEL|CLASSPATH|SUITE[,SUITE...], got " + value);
        }
        return new SuiteSpec(parts[0], parts[1], List.of(parts[2].split(",")));
    }

    /** Instantiates the suites, in the order given. */
    List<CaseSuite> load() throws ReflectiveOperationException, MalformedURLException {
        ClassLoader loader = loader();
        List<CaseSuite> suites = new ArrayList<>();
        for (String name : suiteClasses) {
            suites.add(Class.forName(name, true, loader).asSubclass(CaseSuite.class).getConstructor().newInstance());
        }
        return suites;
    }

    private ClassLoader loader() throws MalformedURLException {
        ClassLoader own = SuiteSpec.class.getClassLoader();
        if (classPath.isEmpty()) {
            return own;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader("corpus-" + label, urls.toArray(new URL[0]), own);
    }
}
