package com.example.corpus.groovy.suite

import com.example.corpus.groovy.DynamicCases
import com.example.corpus.groovy.DynamicUpper
import com.example.corpus.groovy.GroovyOuter
import com.example.corpus.groovy.StaticCases
import com.example.corpus.groovy.StaticUpper
import com.example.corpus.support.CaseSuite
import com.example.corpus.support.Cases
import groovy.transform.CompileStatic
import java.util.function.Function

/**
 * The Groovy cases, dynamic and @CompileStatic. The suite itself is statically compiled, so that
 * {@code Function.apply} really goes through the bridge {@code apply(Object)} rather than the meta-class.
 */
@CompileStatic
class GroovySuite implements CaseSuite {
    @Override
    void register(Cases cases) {
        cases.add('dynamic.void', 12, { DynamicCases.voidCase(3, 4); DynamicCases.last })
        cases.add('dynamic.boolean', true, { new DynamicCases().booleanCase(4) })
        cases.add('dynamic.byte', (byte) 8, { new DynamicCases().byteCase(7) })
        cases.add('dynamic.char', (char) 'c', { new DynamicCases().charCase((char) 'a', 2) })
        cases.add('dynamic.short', (short) 600, { new DynamicCases().shortCase((short) 20, (short) 30) })
        cases.add('dynamic.int', 42, { DynamicCases.intCase(40, 2) })
        cases.add('dynamic.long', 3000000000L, { new DynamicCases().longCase(1000000000L, 3) })
        cases.add('dynamic.float', 2.5f, { new DynamicCases().floatCase(5f, 2f) })
        cases.add('dynamic.double', 0.75d, { new DynamicCases().doubleCase(1.5d, 0.5d) })
        cases.add('dynamic.string', 'id-7', { new DynamicCases().stringCase('id', 7) })
        cases.add('dynamic.intArray', [0, 1, 4, 9] as int[], { new DynamicCases().intArrayCase(4) })
        cases.add('dynamic.wide', 31.0d, { DynamicCases.wide(2L, 3, 2.5d, 10L) })
        cases.add('dynamic.reassign', '30/1005/s!', { new DynamicCases().reassign(3, 5L, 's') })
        cases.add('dynamic.sync.method', 'held=true,sum=105', { new DynamicCases().syncMethod(5) })
        cases.add('dynamic.sync.block', 15, { new DynamicCases().syncBlock(5) })
        cases.add('dynamic.tryCatchFinally', 9, { new DynamicCases().tryCatchFinally(4) })
        cases.add('dynamic.switch', 'b-word', { new DynamicCases().switchString('beta') })
        cases.add('dynamic.closure', 12, { new DynamicCases().closure(2, 3) })
        cases.add('dynamic.bridge', 'ABC', { viaInterface(new DynamicUpper(), 'abc') })

        cases.add('static.void', 12, { StaticCases.voidCase(3, 4); StaticCases.last })
        cases.add('static.boolean', true, { new StaticCases().booleanCase(4) })
        cases.add('static.byte', (byte) 8, { new StaticCases().byteCase(7) })
        cases.add('static.char', (char) 'c', { new StaticCases().charCase((char) 'a', 2) })
        cases.add('static.short', (short) 600, { new StaticCases().shortCase((short) 20, (short) 30) })
        cases.add('static.int', 42, { StaticCases.intCase(40, 2) })
        cases.add('static.long', 3000000000L, { new StaticCases().longCase(1000000000L, 3) })
        cases.add('static.float', 2.5f, { new StaticCases().floatCase(5f, 2f) })
        cases.add('static.double', 0.75d, { new StaticCases().doubleCase(1.5d, 0.5d) })
        cases.add('static.string', 'id-7', { new StaticCases().stringCase('id', 7) })
        cases.add('static.intArray', [0, 1, 4, 9] as int[], { new StaticCases().intArrayCase(4) })
        cases.add('static.wide', 31.0d, { StaticCases.wide(2L, 3, 2.5d, 10L) })
        cases.add('static.reassign', '30/1005/s!', { new StaticCases().reassign(3, 5L, 's') })
        cases.add('static.sync.method', 'held=true,sum=105', { new StaticCases().syncMethod(5) })
        cases.add('static.sync.block', 15, { new StaticCases().syncBlock(5) })
        cases.add('static.tryCatchFinally', 9, { new StaticCases().tryCatchFinally(4) })
        cases.add('static.switch', 12, { new StaticCases().switchInt(2) })
        cases.add('static.closure', 12, { new StaticCases().closure(2, 3) })
        cases.add('static.bridge', 'ABC', { viaInterface(new StaticUpper(), 'abc') })

        cases.add('inner', 42, { new GroovyOuter.Inner(new GroovyOuter(6)).times(7) })
        cases.add('nested', '<n>', { new GroovyOuter.Nested().tag('n') })
    }

    /** Calls through the interface, so through the bridge apply(Object) (flow typing would skip it for a local). */
    private static String viaInterface(Function<String, String> function, String value) {
        function.apply(value)
    }
}
