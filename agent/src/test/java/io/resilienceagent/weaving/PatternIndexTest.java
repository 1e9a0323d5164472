package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which patterns name a class, from the class's internal name, whatever the number of patterns. */
class PatternIndexTest {
    private static PatternIndex index(String... patterns) {
        List<MethodMapping> mappings = new ArrayList<>();
        for (String pattern : patterns) {
            mappings.add(new MethodMapping(MethodPattern.parse(pattern), "svc"));
        }
        return new PatternIndex(mappings);
    }

    @Test
    void findsExactNamesWildcardsInTheClassAndInThePackageInFileOrder() {
        PatternIndex index = index(
                "com.example.api.Client.call",      // 0 exact
                "com.example.api.*Client.get",      // 1 wildcard in the class segment
                "com.*.api.Client.post",            // 2 wildcard in a package segment
                "*.Client.put",                     // 3 wildcard in the first segment: checked for every class
                "com.example.api.Client.delete",    // 4 exact again
                "com.example.other.Client.call");   // 5 another class

        assertThat(index.mappingsNaming("com/example/api/Client")).containsExactly(0, 1, 2, 4);
        assertThat(index.mappingsNaming("com/example/api/HttpClient")).containsExactly(1);
        assertThat(index.mappingsNaming("com/other/api/Client")).containsExactly(2);
        assertThat(index.mappingsNaming("org/Client")).containsExactly(3);
        assertThat(index.mappingsNaming("com/example/other/Client")).containsExactly(5);
        assertThat(index.mappingsNaming("com/example/api/sub/Client")).as("* never crosses a package separator").isEmpty();
        assertThat(index.mappingsNaming("com/example/api/Outer$Client")).as("nested classes use $").containsExactly(1);
        assertThat(index.mappingsNaming("com/example/api")).as("a class named like a package filed as a prefix").isEmpty();
        assertThat(index.mappingsNaming("com/example/api/Client$1")).as("a name that extends an exact one").isEmpty();
    }

    @Test
    void aClassNoPatternNamesGetsTheSharedEmptyArray() {
        PatternIndex index = index("com.example.api.Client.call", "com.example.*Client.get");

        assertThat(index.mappingsNaming("org/springframework/core/SomeType")).isSameAs(NameTable.NONE);
        assertThat(index.mappingsNaming("com/example/Other")).isSameAs(NameTable.NONE);
    }

    @Test
    void manyPatternsStillFindTheOneThatNamesAClass() {
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            patterns.add("com.example.area" + (i % 25) + ".Service" + i + (i % 7 == 0 ? "*" : "") + ".call");
        }
        PatternIndex index = index(patterns.toArray(new String[0]));

        assertThat(index.mappingsNaming("com/example/area3/Service103")).containsExactly(103);
        assertThat(index.mappingsNaming("com/example/area0/Service175Impl")).containsExactly(175);
        assertThat(index.mappingsNaming("com/example/area0/Service1")).isEmpty();
        assertThat(index.hasWildcards()).isTrue();
        assertThat(index("a.B.c").hasWildcards()).isFalse();
    }

    @Test
    void unionKeepsOrderAndDropsDuplicates() {
        assertThat(PatternIndex.union(new int[] {0, 3, 5}, new int[] {1, 3, 6})).containsExactly(0, 1, 3, 5, 6);
        int[] a = {2, 4};
        assertThat(PatternIndex.union(a, new int[] {4})).isSameAs(a);
        assertThat(PatternIndex.union(NameTable.NONE, a)).isSameAs(a);
    }
}
