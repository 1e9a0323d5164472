package io.resilienceagent.config;

/**
 * The shapes of Java names the config accepts, checked by hand rather than with regular expressions:
 * the config is read before {@code main}, where compiling a Unicode-aware regex costs more than the
 * whole check. A name part starts with a letter, {@code _} or {@code $} and goes on with those and
 * digits (any script: Unicode letters and numbers).
 */
final class JavaNames {
    private JavaNames() {
    }

    /** {@code com.example.Outer$Inner}: dot-separated name parts, none empty. */
    static boolean isQualifiedName(String text) {
        int start = 0;
        for (int dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', start)) {
            if (!isNamePart(text, start, dot, false)) {
                return false;
            }
            start = dot + 1;
        }
        return isNamePart(text, start, text.length(), false);
    }

    /** One name part, where {@code *} may also stand anywhere when {@code wildcards} is true. */
    static boolean isNamePart(String text, int from, int to, boolean wildcards) {
        if (from >= to) {
            return false;
        }
        boolean first = true;
        for (int i = from; i < to; ) {
            int c = text.codePointAt(i);
            boolean allowed = Character.isLetter(c) || c == '_' || c == '$' || (wildcards && c == '*')
                    || (!first && isNumber(c));
            if (!allowed) {
                return false;
            }
            first = false;
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean isNumber(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
