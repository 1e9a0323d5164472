package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real sleeper: an interrupt ends a wait at once, a wait of zero included (minWait: 0, Retry-After: 0). */
class SleeperTest {
    @AfterEach
    void clearTheFlag() {
        Thread.interrupted();
    }

    @Test
    void anInterruptedThreadIsNotLetThroughAWaitOfZero() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Sleeper.SYSTEM.sleep(0)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void anInterruptedThreadIsNotLetThroughAWait() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> Sleeper.SYSTEM.sleep(60_000_000_000L)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aWaitOfZeroReturnsAtOnceOtherwise() throws InterruptedException {
        Sleeper.SYSTEM.sleep(0);
        Sleeper.SYSTEM.sleep(-5);

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
