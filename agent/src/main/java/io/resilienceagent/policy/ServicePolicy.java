package io.resilienceagent.policy;

import io.resilienceagent.config.ServiceSettings;

/**
 * A service's settings as the engine applies them: its retry policy, open exception and retry budget.
 * A reload makes a new one; a call keeps the one it started with (its frame, or its {@link AsyncCall},
 * holds it), so a call already running finishes with the settings it started with, however many
 * reloads come meanwhile.
 */
final class ServicePolicy {
    final ServiceSettings settings;
    final RetryPolicy retry;
    final OpenExceptions openExceptions;
    /** The retry budget, or null for none. */
    final RetryBudgetWindow budget;

    ServicePolicy(ServiceSettings settings, RetryPolicy retry, OpenExceptions openExceptions, RetryBudgetWindow budget) {
        this.settings = settings;
        this.retry = retry;
        this.openExceptions = openExceptions;
        this.budget = budget;
    }
}
