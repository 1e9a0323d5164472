package io.resilienceagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.jmx.CircuitBreakerMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The {@code status} command's line for one service: under load, with counters that grow between reads,
 * it never shows more failures, retries or rejections than calls.
 */
class StatusLineTest {
    @Test
    void callsAreReadAfterEverythingCountedOfThem() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.resilienceagent.test:type=CircuitBreaker,name=status-line");
        Busy busy = new Busy();
        server.registerMBean(busy, name);
        try {
            String line = OperationsCommands.statusLine(server, name, "api");

            assertThat(busy.reads).last().as("read after the counters it bounds").isEqualTo("TotalCalls");
            assertThat(line).isEqualTo("api CLOSED calls=6 failures=2 retries=3 rejected=4 retriesDenied=5 consecutiveFailures=1");
        } finally {
            server.unregisterMBean(name);
        }
    }

    /** A service under load: every read sees one more call than the read before. */
    public static final class Busy implements CircuitBreakerMXBean {
        final List<String> reads = new ArrayList<>();

        private long read(String attribute, long value) {
            reads.add(attribute);
            return value;
        }

        @Override
        public String getState() {
            reads.add("State");
            return "CLOSED";
        }

        @Override
        public int getStateCode() {
            return 0;
        }

        @Override
        public int getFailureCount() {
            return (int) read("FailureCount", 1);
        }

        @Override
        public int getSuccessCount() {
            return 0;
        }

        @Override
        public long getTotalCalls() {
            return read("TotalCalls", reads.size());
        }

        @Override
        public long getTotalFailures() {
            return read("TotalFailures", 2);
        }

        @Override
        public long getTotalRetries() {
            return read("TotalRetries", 3);
        }

        @Override
        public long getTotalRejected() {
            return read("TotalRejected", 4);
        }

        @Override
        public long getTotalRetriesDenied() {
            return read("TotalRetriesDenied", 5);
        }

        @Override
        public long getLastStateChangeMillis() {
            return 0;
        }

        @Override
        public void reset() {
        }

        @Override
        public void forceOpen() {
        }
    }
}
