package io.resilienceagent.it.reload;

import static io.resilienceagent.it.reload.ReloadConfigs.LEDGER;
import static io.resilienceagent.it.reload.ReloadConfigs.LENIENT_BREAKER;
import static io.resilienceagent.it.reload.ReloadConfigs.PEEK;
import static io.resilienceagent.it.reload.ReloadConfigs.QUOTE;
import static io.resilienceagent.it.reload.ReloadConfigs.quotes;
import static io.resilienceagent.it.reload.ReloadConfigs.retry;
import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.it.harness.AttachedJmx;
import io.resilienceagent.it.harness.CallResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.JdkTest;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that changes the {@code methods} section weaves the classes already loaded again: a new
 * pattern protects a class that was loaded (and called, unprotected) before, with a new service that
 * gets its breaker MXBean; a removed pattern leaves its method running unprotected, and a removed
 * service's MXBean is unregistered.
 */
class ReloadMethodsTest {
    private static final String QUOTE_METHOD = QUOTE + "(java.lang.String)";
    private static final String PEEK_METHOD = PEEK + "(java.lang.String)";
    private static final String LEDGER_METHOD = LEDGER + "(java.lang.String)";

    @TempDir
    Path dir;

    @JdkTest
    void newServiceAndPatternProtectAnAlreadyLoadedClass(Jdk jdk) {
        Path config = quotes(2).writeTo(dir);
        try (ReloadingApp app = ReloadingApp.start(jdk, config)) {
            CallResult unprotected = app.call("ledger", "down");
            assertThat(unprotected.attempts()).as("LedgerClient is loaded and runs unprotected%n%s", app.describe()).isEqualTo(1);
            assertThat(unprotected.exceptionClass()).isEqualTo("java.net.ConnectException");
            assertThat((String[]) app.agent("InstrumentedMethods")).containsExactly(QUOTE_METHOD);
            assertThat(app.registered(AttachedJmx.breaker("ledger"))).isFalse();

            ResilienceYaml withLedger = quotes(2).service("ledger", retry(3), LENIENT_BREAKER).method(LEDGER, "ledger");
            app.awaitLog(ReloadingApp.RELOADED, 1, app.rewrite(withLedger));
            assertThat(app.log(ReloadingApp.RELOADED)).as(app::describe)
                    .containsExactly(app.reloadedLine("added ledger; methods changed, 2 patterns"));

            assertThat(app.registered(AttachedJmx.breaker("ledger"))).as("the new service's MXBean, registered by the reload")
                    .isTrue();
            assertThat((String[]) app.agent("Services")).containsExactly("quotes", "ledger");
            CallResult protectedCall = app.call("ledger", "down");
            assertThat(protectedCall.attempts()).as("the loaded class was woven again: its calls retry%n%s", app.describe())
                    .isEqualTo(3);
            assertThat(protectedCall.exceptionClass()).isEqualTo("java.net.ConnectException");
            assertThat(app.breaker("ledger", "TotalCalls")).isEqualTo(3L);
            assertThat(app.breaker("ledger", "TotalRetries")).isEqualTo(2L);
            assertThat((String[]) app.agent("InstrumentedMethods")).containsExactlyInAnyOrder(QUOTE_METHOD, LEDGER_METHOD);
            assertThat((String[]) app.agent("UnmatchedPatterns")).isEmpty();
            assertThat(app.call("quote", "down").attempts()).as("the other class, woven again too, is still protected%n%s",
                    app.describe()).isEqualTo(2);
            assertThat(app.log("WARN  Could not instrument")).as(app::describe).isEmpty();
        }
    }

    @JdkTest
    void removedPatternsLeaveTheirMethodsUnprotectedAndARemovedServiceLosesItsMXBean(Jdk jdk) {
        Path config = quotes(2).method(PEEK, "quotes").service("ledger", retry(3), LENIENT_BREAKER).method(LEDGER, "ledger")
                .writeTo(dir);
        try (ReloadingApp app = ReloadingApp.start(jdk, config)) {
            assertThat(app.call("quote", "down").attempts()).as(app::describe).isEqualTo(2);
            assertThat(app.call("peek", "down").attempts()).as(app::describe).isEqualTo(2);
            assertThat(app.call("ledger", "down").attempts()).as(app::describe).isEqualTo(3);
            assertThat(app.registered(AttachedJmx.breaker("ledger"))).isTrue();

            // QuoteClient.peek's pattern goes (its service stays); the ledger service goes with its pattern
            app.awaitLog(ReloadingApp.RELOADED, 1, app.rewrite(quotes(2)));
            assertThat(app.log(ReloadingApp.RELOADED)).as(app::describe)
                    .containsExactly(app.reloadedLine("removed ledger; methods changed, 1 pattern"));

            assertThat(app.registered(AttachedJmx.breaker("ledger"))).as("the removed service's MXBean is unregistered").isFalse();
            assertThat(app.registered(AttachedJmx.breaker("quotes"))).isTrue();
            assertThat((String[]) app.agent("Services")).containsExactly("quotes");
            assertThat((String[]) app.agent("InstrumentedMethods")).as(app::describe).containsExactly(QUOTE_METHOD);

            assertThat(app.call("peek", "down").attempts()).as("peek runs unprotected%n%s", app.describe()).isEqualTo(1);
            assertThat(app.call("ledger", "down").attempts()).as("ledger runs unprotected%n%s", app.describe()).isEqualTo(1);
            CallResult ok = app.call("ledger", "ok");
            assertThat(ok.outcome()).as(app::describe).isEqualTo("OK");
            assertThat(app.call("quote", "down").attempts()).as("quote is still protected%n%s", app.describe()).isEqualTo(2);
            assertThat(app.breaker("quotes", "TotalCalls")).as("2 (quote) + 2 (peek) before, 2 (quote) after: peek no longer counts")
                    .isEqualTo(6L);
            assertThat(app.log("WARN  Could not instrument")).as(app::describe).isEmpty();
        }
    }
}
