package io.resilienceagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.async.pinning.VirtualThreadsApp;
import io.resilienceagent.it.harness.ChildJvm;
import io.resilienceagent.it.harness.ChildResult;
import io.resilienceagent.it.harness.Jdk;
import io.resilienceagent.it.harness.ResilienceYaml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No virtual thread is pinned to its carrier by the agent's code, on Java 25 (virtual threads need 21 or
 * later; Java 17 has none). Virtual threads make synchronous calls that the agent retries, sleeping
 * through the backoff on the virtual thread, and async calls that it retries on its own scheduler, under
 * a flight recording of {@code jdk.VirtualThreadPinned} with a threshold of 0 ms. On Java 25
 * {@code synchronized} no longer pins (JEP 491), but blocking inside a class initializer still does: the
 * application does that once ({@code SlowInit}), so the recording must hold that pinned event, which
 * shows that the test would see one of the agent's.
 *
 * <p>The application makes one retried call of each kind on its main thread first. Without that warm-up,
 * virtual threads making their first retried calls all at once are pinned for a moment while one of them
 * loads or initialises a class the others need (the agent's {@code Backoff} dependencies, the async
 * scheduler's holder class, the application's own lambdas alike): the JVM pins a virtual thread that
 * waits for a class to be loaded or initialised by another thread, whoever's class it is. That happens
 * once per class, not per call.
 */
class VirtualThreadPinningTest {
    private static final int CALLS = 20;
    private static final String PINNED = "jdk.VirtualThreadPinned";
    private static final String CONTROL_FRAME = "com.example.async.pinning.SlowInit.<clinit>";
    /** Only the events the test reads, with the pinning threshold at zero and deep stacks. */
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="pinning" description="virtual threads and pinning only">
              <event name="jdk.VirtualThreadPinned">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
              <event name="jdk.VirtualThreadStart">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">false</setting>
              </event>
              <event name="jdk.ActiveSetting">
                <setting name="enabled">true</setting>
              </event>
            </configuration>
            """;

    @TempDir
    Path dir;

    @Test
    void theAgentPinsNoVirtualThreadOnJava25() throws IOException {
        Jdk jdk = Jdk.all().filter(j -> j.feature().equals("25")).findFirst().orElseThrow();
        Path settings = ResilienceYaml.write(dir.resolve("pinning.jfc"), SETTINGS);
        Path recording = dir.resolve("pinning.jfr");
        Path config = ResilienceYaml.create()
                .service("vt", "retry: { maxAttempts: 3, minWait: 50ms, maxWait: 50ms }", ResilienceYaml.LENIENT_BREAKER)
                .method("com.example.async.pinning.Flaky.*", "vt")
                .writeTo(dir);

        ChildResult run = ChildJvm.on(jdk).withConfig(config)
                .jvmOption("-XX:FlightRecorderOptions=stackdepth=512")
                .jvmOption("-XX:StartFlightRecording=filename=" + recording + ",settings=" + settings + ",dumponexit=true")
                .main(VirtualThreadsApp.class, String.valueOf(CALLS)).run();

        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.stdout()).as(run::describe).contains("DONE ok=" + CALLS + " control=");
        assertThat(run.logLinesContaining("WARN  Retrying Flaky.call after java.net.ConnectException")).as(run::describe).hasSize(CALLS + 1);
        assertThat(run.logLinesContaining("WARN  Retrying Flaky.callAsync after java.net.ConnectException")).as(run::describe)
                .hasSize(CALLS + 1);

        Recording read = Recording.read(recording);
        String why = read.describe() + "\n" + run.describe();
        assertThat(read.setting(PINNED, "enabled")).as(why).isEqualTo("true");
        assertThat(read.setting(PINNED, "threshold")).as(why).isEqualTo("0 ms");
        assertThat(read.virtualThreadsStarted).as("the application's virtual threads were recorded%n%s", why)
                .isGreaterThanOrEqualTo(CALLS + 1);
        assertThat(read.pinnedStacks).as("the control, blocking in a class initializer, was recorded as pinned%n%s", why)
                .anyMatch(stack -> stack.contains(CONTROL_FRAME));
        assertThat(read.pinnedStacks).as("no pinned virtual thread had a frame of the agent's on its stack%n%s", why)
                .noneMatch(stack -> stack.stream().anyMatch(frame -> frame.startsWith("io.resilienceagent.")));
    }

    /** What the test reads from a recording: the active settings, the virtual threads started, the stacks of pinned events. */
    private static final class Recording {
        final Map<String, String> settings = new HashMap<>();
        final List<List<String>> pinnedStacks = new ArrayList<>();
        int virtualThreadsStarted;

        static Recording read(Path file) throws IOException {
            Recording recording = new Recording();
            Map<Long, String> eventNames = new HashMap<>();
            try (RecordingFile in = new RecordingFile(file)) {
                for (EventType type : in.readEventTypes()) {
                    eventNames.put(type.getId(), type.getName());
                }
                while (in.hasMoreEvents()) {
                    recording.add(in.readEvent(), eventNames);
                }
            }
            return recording;
        }

        private void add(RecordedEvent event, Map<Long, String> eventNames) {
            switch (event.getEventType().getName()) {
                case "jdk.ActiveSetting" -> settings.put(eventNames.get(event.getLong("id")) + "#" + event.getString("name"),
                        event.getString("value"));
                case "jdk.VirtualThreadStart" -> virtualThreadsStarted++;
                case PINNED -> pinnedStacks.add(event.getStackTrace() == null ? List.of()
                        : event.getStackTrace().getFrames().stream().map(Recording::frame).toList());
                default -> {
                }
            }
        }

        String setting(String event, String name) {
            return settings.get(event + "#" + name);
        }

        private static String frame(RecordedFrame frame) {
            return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        }

        String describe() {
            return "recording: " + virtualThreadsStarted + " virtual threads started, pinned stacks " + pinnedStacks
                    + ", settings of " + PINNED + ": enabled=" + setting(PINNED, "enabled") + " threshold=" + setting(PINNED, "threshold");
        }
    }
}
