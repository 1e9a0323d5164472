package io.resilienceagent.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The warm-up's hard-coded class list is checked against the code, so a rename cannot silently cost start-up time. */
class StartupWarmUpTest {
    @Test
    void everyClassTheWarmUpLoadsExists() {
        for (String name : StartupWarmUp.CLASSES) {
            assertThatCode(() -> Class.forName(name, false, getClass().getClassLoader())).as(name).doesNotThrowAnyException();
        }
        assertThat(StartupWarmUp.CLASSES).doesNotHaveDuplicates();
    }
}
