package com.example.corpus.javac;

import com.example.corpus.support.Flaky;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Lambdas inside the body: their bodies are synthetic {@code lambda$...} methods, never woven themselves. */
public final class Lambdas {
    private final int offset;

    public Lambdas(int offset) {
        this.offset = offset;
    }

    public int capture(int a, int b) {
        IntUnaryOperator times = x -> x * a + offset;
        Flaky.step("javac.lambda.capture");
        return times.applyAsInt(b);
    }

    public static long stream(int n, long k) {
        Flaky.step("javac.lambda.stream");
        return IntStream.rangeClosed(1, n).mapToLong(i -> i * k).sum();
    }

    public static String stepInsideLambda(String s) {
        Supplier<String> body = () -> {
            Flaky.step("javac.lambda.inside");
            return s.toUpperCase();
        };
        return body.get() + String.valueOf(s.length());
    }
}
