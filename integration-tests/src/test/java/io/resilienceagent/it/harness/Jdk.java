package io.resilienceagent.it.harness;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A JDK the child JVMs run on. The homes come from the system properties {@code java17.home} and
 * {@code java25.home}, which the module's pom sets (override with {@code -Djava17.home=...}). A JDK that
 * is missing fails the test with a message saying so: CI has both, and a silent skip would hide that
 * half of the matrix never ran.
 */
public record Jdk(String feature, String homeProperty) {

    /** The parameter source of every {@link JdkTest}. */
    public static Stream<Jdk> all() {
        return Stream.of(new Jdk("17", "java17.home"), new Jdk("25", "java25.home"));
    }

    /** The {@code java} launcher of this JDK; fails the test if the JDK is not installed. */
    public Path java() {
        String home = System.getProperty(homeProperty);
        if (home == null || home.isBlank()) {
            fail("System property " + homeProperty + " is not set; the integration-tests pom sets it "
                    + "(run through Maven, or pass -D" + homeProperty + "=/path/to/jdk-" + feature + ")");
        }
        Path java = Path.of(home, "bin", "java");
        if (!Files.isExecutable(java)) {
            fail("Java " + feature + " is required for the end-to-end tests but " + java + " does not exist. "
                    + "Install JDK " + feature + " or point -D" + homeProperty + "= at its home.");
        }
        return java;
    }

    @Override
    public String toString() {
        return "Java " + feature;
    }
}
