package io.resilienceagent.policy;

import io.resilienceagent.log.AgentLog;

/** Writes the log line the README documents for each breaker transition. */
public final class TransitionLog implements BreakerListener {
    @Override
    public void onTransition(BreakerTransition t) {
        String prefix = "Circuit breaker for " + t.service() + ": " + t.from() + " -> " + t.to();
        switch (t.cause()) {
            case FAILURES -> AgentLog.error(prefix + " (failures: " + t.failures() + ")");
            case TRIAL_FAILED -> AgentLog.error(prefix + " (trial call failed)");
            case RECOVERY_TIMEOUT, TRIALS_SUCCEEDED -> AgentLog.info(prefix);
            case RESET -> AgentLog.info(prefix + " (reset)");
            case FORCED_OPEN -> AgentLog.warn(prefix + " (forced)");
        }
    }
}
