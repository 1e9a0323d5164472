package io.resilienceagent.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The agent's version, from the build-time {@code /resilience-agent.properties} resource, so the
 * CLI, logs and JMX all report the same string.
 */
public final class AgentVersion {
    static final String RESOURCE = "/resilience-agent.properties";
    static final String UNKNOWN = "unknown";

    private AgentVersion() {
    }

    /** The version, such as {@code 0.1.0}, or {@code unknown} when the build did not record one. */
    public static String current() {
        return Holder.VERSION;
    }

    static String read(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version", "").strip();
        return version.isEmpty() || version.contains("${") ? UNKNOWN : version;
    }

    private static final class Holder {
        static final String VERSION = load();

        private static String load() {
            try (InputStream in = AgentVersion.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    String version = read(in);
                    if (!UNKNOWN.equals(version)) {
                        return version;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unknown, below
            }
            return UNKNOWN;
        }
    }
}
