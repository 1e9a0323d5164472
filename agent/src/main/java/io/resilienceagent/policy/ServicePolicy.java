package io.resilienceagent.policy;

import io.resilienceagent.config.ServiceSettings;

/**
 * One version of a service's settings as the engine applies them: its retry policy, open exception and
 * retry budget. A reload makes a new version; a call keeps the version it started with (its frame holds
 * the number), so a call already running finishes with the settings it started with. Versions link back
 * to the previous ones, as far back as a running call may still need.
 */
final class ServicePolicy {
    /** How many earlier versions stay reachable for calls that started before a reload. */
    private static final int KEPT = 8;

    final int version;
    final ServiceSettings settings;
    final RetryPolicy retry;
    final OpenExceptions openExceptions;
    /** The retry budget, or null for none. */
    final RetryBudgetWindow budget;
    /** Written only when a newer version is made, which happens one reload at a time. */
    private volatile ServicePolicy previous;

    ServicePolicy(int version, ServiceSettings settings, RetryPolicy retry, OpenExceptions openExceptions,
            RetryBudgetWindow budget, ServicePolicy previous) {
        this.version = version;
        this.settings = settings;
        this.retry = retry;
        this.openExceptions = openExceptions;
        this.budget = budget;
        this.previous = previous;
        ServicePolicy kept = this;
        for (int i = 1; i < KEPT && kept != null; i++) {
            kept = kept.previous;
        }
        if (kept != null) {
            kept.previous = null;
        }
    }

    /** The version {@code wanted}, this one or an earlier one; the oldest kept if it is older still. */
    ServicePolicy version(int wanted) {
        ServicePolicy policy = this;
        while (policy.version != wanted && policy.previous != null) {
            policy = policy.previous;
        }
        return policy;
    }
}
