package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.sample.MiddleClient;
import io.resilienceagent.config.MethodPattern;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodNameFilterTest {
    /** A name as a class file holds it, with bytes before and after, as the filter sees it in a class file. */
    private static boolean accepts(MethodNameFilter filter, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {'f', 'e', 't', 'c', 'h'});
        new DataOutputStream(out).writeUTF(name);
        out.write(new byte[] {'x', 'y'});
        byte[] bytes = out.toByteArray();
        return filter.test(bytes, 7, bytes.length - 9);
    }

    @Test
    void acceptsExactlyTheNamesAndWhatTheGlobsMatch() throws IOException {
        MethodNameFilter filter = new MethodNameFilter(List.of("send", "call", "find*", "*Async", "get*By*Id", "call"));

        assertThat(accepts(filter, "send")).isTrue();
        assertThat(accepts(filter, "call")).isTrue();
        assertThat(accepts(filter, "find")).isTrue();
        assertThat(accepts(filter, "findAll")).isTrue();
        assertThat(accepts(filter, "sendAsync")).isTrue();
        assertThat(accepts(filter, "Async")).isTrue();
        assertThat(accepts(filter, "getUserById")).isTrue();
        assertThat(accepts(filter, "getById")).isTrue();

        assertThat(accepts(filter, "sends")).isFalse();
        assertThat(accepts(filter, "cal")).isFalse();
        assertThat(accepts(filter, "fetch")).isFalse(); // the bytes before the name are not part of it
        assertThat(accepts(filter, "refind")).isFalse();
        assertThat(accepts(filter, "sendAsyncNow")).isFalse();
        assertThat(accepts(filter, "getUserId")).isFalse();
        assertThat(accepts(filter, "getByI")).isFalse();
        assertThat(accepts(filter, "")).isFalse();
    }

    @Test
    void decidesAsTheGlobMatcherDoesForEveryNameAndGlob() throws IOException {
        List<String> globs = List.of("a*", "*a", "*", "a*b", "a*b*c", "*ab*", "**", "a**b", "ab*ba", "größe*", "*ß", "x*ß*y");
        List<String> names = new ArrayList<>(List.of("a", "b", "ab", "ba", "aba", "abba", "abab", "acbc", "abc", "aXbYc",
                "cab", "größe", "größer", "ß", "xßy", "xy", "xyßy", "größ"));
        List<String> differences = new ArrayList<>();
        for (String glob : globs) {
            MethodNameFilter filter = new MethodNameFilter(List.of(glob));
            for (String name : names) {
                if (accepts(filter, name) != MethodPattern.globMatches(glob, name)) {
                    differences.add(glob + " / " + name);
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void comparesNamesBeyondAsciiInTheClassFilesEncoding() throws IOException {
        MethodNameFilter filter = new MethodNameFilter(List.of("grüßen", "\u0000nul", "emoji\uD83D\uDE00"));

        assertThat(accepts(filter, "grüßen")).isTrue();
        assertThat(accepts(filter, "\u0000nul")).isTrue(); // U+0000 takes two bytes in a class file
        assertThat(accepts(filter, "emoji\uD83D\uDE00")).isTrue(); // a surrogate pair takes six
        assertThat(accepts(filter, "grüssen")).isFalse();
        assertThat(accepts(filter, "emoji\uD83D\uDE01")).isFalse();
    }

    @Test
    void findsTheMethodsAClassDeclaresButNotItsConstructors() throws IOException {
        byte[] middleClient = ClassHeaderTest.classFile(MiddleClient.class);

        assertThat(ClassHeader.declaresMethodNamed(middleClient, new MethodNameFilter(List.of("fetch")))).isTrue();
        assertThat(ClassHeader.declaresMethodNamed(middleClient, new MethodNameFilter(List.of("fet*")))).isTrue();
        assertThat(ClassHeader.declaresMethodNamed(middleClient, new MethodNameFilter(List.of("<init>", "*init*", "send"))))
                .isFalse();
        assertThat(ClassHeader.declaresMethodNamed(Arrays.copyOf(middleClient, 40), new MethodNameFilter(List.of("send"))))
                .isTrue(); // what cannot be read is not ruled out
    }
}
