package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentVersionTest {

    @Test
    void currentVersionComesFromTheFilteredBuildResource() {
        assertThat(AgentVersion.current()).isNotBlank().doesNotContain("${").isNotEqualTo("unknown").matches("\\d+\\.\\d+.*");
    }

    @Test
    void unfilteredOrEmptyResourceMeansUnknown() throws IOException {
        assertThat(AgentVersion.read(stream("version=${project.version}\n"))).isEqualTo("unknown");
        assertThat(AgentVersion.read(stream("other=1\n"))).isEqualTo("unknown");
        assertThat(AgentVersion.read(stream("version = 1.2.3 \n"))).isEqualTo("1.2.3");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
