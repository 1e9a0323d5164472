package io.resilienceagent.bench;

import java.util.Locale;

/** The little JSON the results files need, written by hand so that the harness has no JSON library. */
final class JsonText {
    private JsonText() {
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A number with one decimal. */
    static String millis(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
