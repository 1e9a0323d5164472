package io.resilienceagent.policy;

import io.resilienceagent.config.RetrySettings;

/** Makes a service's {@link RetryBudgetWindow} from its settings, keeping the counts across a reload that leaves the budget as it was. */
final class RetryBudgets {
    private RetryBudgets() {
    }

    /** The window for {@code retry}'s budget; the previous version's own when the budget did not change; null for none. */
    static RetryBudgetWindow windowFor(RetrySettings retry, Clock clock, ServicePolicy previous, ServiceGuard service) {
        return null;
    }
}
