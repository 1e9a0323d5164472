package io.resilienceagent.it.reload;

import static io.resilienceagent.it.reload.ReloadConfigs.PEEK;
import static io.resilienceagent.it.reload.ReloadConfigs.QUOTE;

import io.resilienceagent.it.harness.ResilienceYaml;
import java.util.ArrayList;
import java.util.List;

/**
 * The config files the soak test writes, in order: invalid and valid files alternate, starting with an
 * invalid one. Each valid file raises {@code maxAttempts} by one (so a thread's calls can only see it
 * grow) and adds or drops a pattern for {@code QuoteClient.peek}, so that every good reload also weaves
 * the class under load again. Each invalid file is wrong in its own way.
 */
final class SoakSchedule {
    static final int FIRST_MAX_ATTEMPTS = 2;
    private static final String BREAKER = "circuitBreaker: { failureThreshold: 100000, recoveryTimeout: 60s }";

    /** One file to write: its text, whether the agent should take it, and the maxAttempts in force after it. */
    record Version(String text, boolean valid, int maxAttempts) {
    }

    private SoakSchedule() {
    }

    /** The file the app starts with. */
    static String first() {
        return valid(FIRST_MAX_ATTEMPTS, false).text();
    }

    /** {@code rewrites} files: invalid, valid, invalid, ... */
    static List<Version> rewrites(int rewrites) {
        List<Version> versions = new ArrayList<>();
        int maxAttempts = FIRST_MAX_ATTEMPTS;
        for (int i = 0; i < rewrites; i++) {
            if (i % 2 == 0) {
                versions.add(new Version(invalid(i / 2, maxAttempts + 1), false, maxAttempts));
            } else {
                maxAttempts++;
                versions.add(valid(maxAttempts, maxAttempts % 2 == 1));
            }
        }
        return versions;
    }

    private static Version valid(int maxAttempts, boolean withPeek) {
        ResilienceYaml yaml = ResilienceYaml.create()
                .service("quotes", "retry: { maxAttempts: " + maxAttempts + ", minWait: 1ms, maxWait: 1ms }", BREAKER)
                .method(QUOTE, "quotes");
        if (withPeek) {
            yaml.method(PEEK, "quotes");
        }
        return new Version(yaml.text(), true, maxAttempts);
    }

    /** Five kinds of mistakes, in turn; each would otherwise have raised maxAttempts to {@code maxAttempts}. */
    private static String invalid(int kind, int maxAttempts) {
        String good = valid(maxAttempts, false).text();
        return switch (kind % 5) {
            case 0 -> good.replace("minWait: 1ms,", "minWait: 1ms,\n  broken: [");
            case 1 -> good.replace("maxAttempts: " + maxAttempts, "maxAttempts: 0");
            case 2 -> good.replace("maxAttempts", "maxAtempts");
            case 3 -> good + "  \"com.example.reload.LedgerClient.post\": ledger\n";
            default -> good + "  \"java.lang.String.trim\": quotes\n";
        };
    }
}
