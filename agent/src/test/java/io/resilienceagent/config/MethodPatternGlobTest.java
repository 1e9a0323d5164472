package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MethodPatternGlobTest {

    /** The class part as the weaver's pattern index matches it, and the method part as the selector does. */
    private static boolean coversClass(String pattern, String className) {
        return MethodPattern.globMatches(MethodPattern.parse(pattern).classGlob(), className);
    }

    @Test
    void starMatchesWithinOneSegmentOnly() {
        String pattern = "com.example.*Client.get*";

        assertThat(coversClass(pattern, "com.example.HttpClient")).isTrue();
        assertThat(coversClass(pattern, "com.example.Client")).isTrue();
        assertThat(coversClass(pattern, "com.example.sub.HttpClient")).isFalse();
        assertThat(coversClass(pattern, "comXexample.HttpClient")).isFalse();
        assertThat(MethodPattern.parse(pattern).matchesMethodName("getUser")).isTrue();
        assertThat(MethodPattern.parse(pattern).matchesMethodName("setUser")).isFalse();
    }

    @Test
    void regexCharactersInNamesAreLiteral() {
        assertThat(coversClass("com.example.Outer$Inner.call", "com.example.Outer$Inner")).isTrue();
        assertThat(coversClass("com.example.Outer$Inner.call", "com.example.OuterInner")).isFalse();
    }

    @Test
    void severalStarsAndALoneStar() {
        assertThat(coversClass("a.*.*x*y.m", "a.b.cxdy")).isTrue();
        assertThat(MethodPattern.parse("a.B.*").matchesMethodName("anything")).isTrue();
    }

    /** The hand-written matcher against the regular expression it replaced, on seeded random globs and names. */
    @Test
    void globMatchingAgreesWithTheEquivalentRegularExpression() {
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
    void aStarNeverCrossesADotEvenWhenBacktracking() {
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
