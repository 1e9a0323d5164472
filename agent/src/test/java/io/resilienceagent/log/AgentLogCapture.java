package io.resilienceagent.log;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the agent logs during each test, kept in memory: {@link AgentLog} is redirected before each test
 * (before its {@code @BeforeEach} methods) and put back after it (after its {@code @AfterEach} methods).
 * Register it as {@code @RegisterExtension final AgentLogCapture agentLog = new AgentLogCapture();}.
 */
public final class AgentLogCapture implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream previous;

    @Override
    public void beforeEach(ExtensionContext context) {
        bytes.reset();
        previous = AgentLog.redirect(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        AgentLog.redirect(previous);
    }

    /** Everything logged since the test began. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
