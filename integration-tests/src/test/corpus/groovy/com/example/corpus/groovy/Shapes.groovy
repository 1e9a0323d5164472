package com.example.corpus.groovy

import com.example.corpus.support.Flaky
import groovy.transform.CompileStatic
import java.util.function.Function

/** Groovy writes a bridge apply(Object) for the generic interface; only apply(String) is woven. */
class DynamicUpper implements Function<String, String> {
    String apply(String value) {
        Flaky.step('groovy.dynamic.bridge')
        value.toUpperCase()
    }
}

/** The same bridge, statically compiled. */
@CompileStatic
class StaticUpper implements Function<String, String> {
    String apply(String value) {
        Flaky.step('groovy.static.bridge')
        value.toUpperCase()
    }
}

/** Nested classes: GroovyOuter$Inner (holds the outer instance) and GroovyOuter$Nested. */
class GroovyOuter {
    final int factor

    GroovyOuter(int factor) {
        this.factor = factor
    }

    class Inner {
        int times(int x) {
            Flaky.step('groovy.inner')
            x * factor
        }
    }

    static class Nested {
        String tag(String s) {
            Flaky.step('groovy.nested')
            "<$s>".toString()
        }
    }
}
