package com.example.corpus.runner;

import java.lang.reflect.Array;

/**
 * Renders a returned value as one space-free token that names its runtime type, so that a boxed
 * {@code Byte} 7 and an {@code Integer} 7 differ: {@code Integer:42}, {@code int[]:[1,2]},
 * {@code String:a_b} (spaces become underscores), {@code null}.
 */
final class ValueText {
    private ValueText() {
    }

    static String of(Object value) {
        return render(value).replace(' ', '_').replace('\n', '_').replace('\r', '_');
    }

    private static String render(Object value) {
        if (value == null) {
            return "null";
        }
        Class<?> type = value.getClass();
        if (type.isArray()) {
            return type.getComponentType().getSimpleName() + "[]:" + elements(value);
        }
        return type.getSimpleName() + ":" + value;
    }

    private static String elements(Object array) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Array.getLength(array); i++) {
            Object element = Array.get(array, i);
            text.append(i == 0 ? "" : ",");
            text.append(element != null && element.getClass().isArray() ? elements(element) : String.valueOf(element));
        }
        return text.append(']').toString();
    }
}
