package io.resilienceagent.it.corpus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytecode length of a method whose last instruction is its only {@code lreturn}, read from the
 * JDK's own disassembler ({@code javap -c}, run in-process): used to check that the generated huge
 * method really sits at the 64 KB limit.
 */
final class CodeLength {
    private static final Pattern LRETURN = Pattern.compile("^\\s*(\\d+): lreturn\\s*$", Pattern.MULTILINE);

    private CodeLength() {
    }

    /** The code length of the method of {@code className} (under {@code classes}) that ends in {@code lreturn}. */
    static int ofLongMethod(Path classes, String className) {
        java.util.spi.ToolProvider javap = java.util.spi.ToolProvider.findFirst("javap")
                .orElseThrow(() -> new IllegalStateException("the tests must run on a JDK: there is no javap"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int status = javap.run(stream, stream, "-c", "-cp", classes.toString(), className);
            if (status != 0) {
                throw new IllegalStateException("javap failed:\n" + out.toString(StandardCharsets.UTF_8));
            }
        }
        Matcher m = LRETURN.matcher(out.toString(StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new IllegalStateException("no lreturn in " + className);
        }
        return Integer.parseInt(m.group(1)) + 1;
    }
}
