package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/** Java 17 shapes: switch expressions with yield, pattern matching instanceof, records, text blocks, var. */
public final class Modern {
    private Modern() {
    }

    /** A record whose own method is covered. */
    public record Point(int x, int y) {
        public long manhattan(Point other) {
            Flaky.step("javac.record");
            return Math.abs(x - other.x) + Math.abs(y - other.y);
        }
    }

    public static int switchExpression(String s, int n) {
        Flaky.step("javac.switchExpression");
        return switch (s) {
            case "double" -> n * 2;
            case "square" -> {
                var square = n * n;
                yield square;
            }
            default -> -1;
        };
    }

    public static String pattern(Object value) {
        Flaky.step("javac.pattern");
        if (value instanceof String text && !text.isEmpty()) {
            return "text:" + text.length();
        }
        return value instanceof Integer number ? "int:" + (number + 1) : "other";
    }

    public static String textBlock(String name) {
        Flaky.step("javac.textBlock");
        return """
                hello,
                %s""".formatted(name).replace('\n', '|');
    }
}
