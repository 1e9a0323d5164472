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

    /** The hand-written matcher against the regular expression it replaced, on seeded random globs and names. */
    @Test
    void glob_matching_agrees_with_the_equivalent_regular_expression() {
        java.util.Random random = new java.util.Random(20261129);
        String alphabet = "ab.*";
        for (int run = 0; run < 20_000; run++) {
            String glob = randomText(random, alphabet, 6);
            String text = randomText(random, "ab.", 8);
            String regex = glob.replace(".", "\\.").replace("*", "[^.]*");

            assertThat(MethodPattern.globMatches(glob, text)).as("glob %s on %s", glob, text)
                    .isEqualTo(text.matches(regex));
        }
    }

    @Test
    void a_star_never_crosses_a_dot_even_when_backtracking() {
        assertThat(MethodPattern.globMatches("a*b", "axxb")).isTrue();
        assertThat(MethodPattern.globMatches("a*b", "ax.b")).isFalse();
        assertThat(MethodPattern.globMatches("*.b*", "x.by")).isTrue();
        assertThat(MethodPattern.globMatches("*.b*", "x.y.by")).isFalse();
        assertThat(MethodPattern.globMatches("*", "")).isTrue();
        assertThat(MethodPattern.globMatches("", "x")).isFalse();
    }

    private static String randomText(java.util.Random random, String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
