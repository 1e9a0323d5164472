package io.resilienceagent.policy;

import io.resilienceagent.config.RetryBudget;
import io.resilienceagent.config.RetrySettings;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Makes a service's {@link RetryBudgetWindow} from its settings. A reload that leaves the budget as it
 * was keeps its window; one that changes it makes a window holding the counts of the one before.
 */
final class RetryBudgets {
    private RetryBudgets() {
    }

    /** The window for {@code retry}'s budget; the previous version's own when the budget did not change, else one with its counts; null for none. */
    static RetryBudgetWindow windowFor(RetrySettings retry, Clock clock, ServicePolicy previous, ServiceGuard service) {
        Optional<RetryBudget> wanted = retry.budget();
        if (wanted.isEmpty()) {
            return null;
        }
        if (previous != null && previous.budget != null && wanted.equals(previous.settings.retry().budget())) {
            return previous.budget;
        }
        RetryBudget budget = wanted.get();
        return new RetryBudgetWindow(budget.ratio(), budget.minPerSecond(), budget.window().toNanos(), clock,
                new FirstAttempts(service), previous == null ? null : previous.budget);
    }

    /** A class rather than a method reference: budgets are made before {@code main}, where lambdas cost start-up. */
    private static final class FirstAttempts implements LongSupplier {
        private final ServiceGuard service;

        FirstAttempts(ServiceGuard service) {
            this.service = service;
        }

        @Override
        public long getAsLong() {
            return service.firstAttempts();
        }
    }
}
