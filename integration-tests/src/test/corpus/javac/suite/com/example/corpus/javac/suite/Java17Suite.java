package com.example.corpus.javac.suite;

import com.example.corpus.javac.Huge;
import com.example.corpus.javac.Modern;
import com.example.corpus.javac.Nest;
import com.example.corpus.support.CaseSuite;
import com.example.corpus.support.Cases;

/** Cases for the Java 17 part of the corpus, and the generated method too large to weave. */
public final class Java17Suite implements CaseSuite {
    @Override
    public void register(Cases cases) {
        cases.add("record", 7L, () -> new Modern.Point(1, 2).manhattan(new Modern.Point(4, 6)));
        cases.add("switchExpression", 81, () -> Modern.switchExpression("square", 9));
        cases.add("pattern", "text:4", () -> Modern.pattern("four"));
        cases.add("textBlock", "hello,|Bob", () -> Modern.textBlock("Bob"));
        cases.add("nestmate", 709, () -> new Nest(9).new Member().reveal(7));
        cases.add("huge.huge", Huge.EXPECTED, () -> Huge.huge(3, 11L));
        cases.add("huge.small", 4, () -> Huge.small(3));
    }
}
