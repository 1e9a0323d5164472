package com.example.corpus.javac.suite;

import com.example.corpus.javac.Greeter;
import com.example.corpus.javac.Lambdas;
import com.example.corpus.javac.PoliteGreeter;
import com.example.corpus.support.CaseSuite;
import com.example.corpus.support.Cases;

/** Cases for the Java 8 part of the corpus: lambdas in bodies, default and static interface methods. */
public final class Java8Suite implements CaseSuite {
    @Override
    public void register(Cases cases) {
        cases.add("lambda.capture", 3 * 2 + 1, () -> new Lambdas(1).capture(2, 3));
        cases.add("lambda.stream", (1 + 2 + 3 + 4) * 10L, () -> Lambdas.stream(4, 10));
        cases.add("lambda.inside", "ABC3", () -> Lambdas.stepInsideLambda("abc"));
        cases.add("interface.default", "Hi, Ada", () -> new PoliteGreeter().greet("Hi"));
        cases.add("interface.static", "HEY!", () -> Greeter.shout("hey"));
    }
}
