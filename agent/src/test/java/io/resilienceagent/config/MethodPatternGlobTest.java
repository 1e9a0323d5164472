package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MethodPatternGlobTest {

    @Test
    void star_matches_within_one_segment_only() {
        MethodPattern pattern = MethodPattern.parse("com.example.*Client.get*");

        assertThat(pattern.matchesClass("com.example.HttpClient")).isTrue();
        assertThat(pattern.matchesClass("com.example.Client")).isTrue();
        assertThat(pattern.matchesClass("com.example.sub.HttpClient")).isFalse();
        assertThat(pattern.matchesClass("comXexample.HttpClient")).isFalse();
        assertThat(pattern.matchesMethod("getUser", List.of())).isTrue();
        assertThat(pattern.matchesMethod("setUser", List.of())).isFalse();
    }

    @Test
    void regex_characters_in_names_are_literal() {
        MethodPattern pattern = MethodPattern.parse("com.example.Outer$Inner.call");

        assertThat(pattern.matchesClass("com.example.Outer$Inner")).isTrue();
        assertThat(pattern.matchesClass("com.example.OuterInner")).isFalse();
    }

    @Test
    void several_stars_and_a_lone_star() {
        assertThat(MethodPattern.parse("a.*.*x*y.m").matchesClass("a.b.cxdy")).isTrue();
        assertThat(MethodPattern.parse("a.B.*").matchesMethod("anything", List.of("int"))).isTrue();
    }
}
