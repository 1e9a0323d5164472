package io.resilienceagent.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AgentPackTest {
    @Test
    void findsEachPackedFileAtItsOffset() throws IOException {
        AgentPack pack = AgentPack.parse(new Packs()
                .add("a/B.class", new byte[] {1, 2, 3})
                .add("c.txt", "hello".getBytes(StandardCharsets.UTF_8))
                .add("empty", new byte[0])
                .bytes());

        AgentPack.Entry text = pack.find("c.txt");
        assertThat(new String(pack.data(), text.offset(), text.length(), StandardCharsets.UTF_8)).isEqualTo("hello");
        AgentPack.Entry klass = pack.find("a/B.class");
        assertThat(Arrays.copyOfRange(pack.data(), klass.offset(), klass.offset() + klass.length())).containsExactly(1, 2, 3);
        assertThat(pack.find("empty").length()).isZero();
        assertThat(pack.find("a/C.class")).isNull();
    }

    @Test
    void refusesWhatIsNotAPack() {
        assertThatThrownBy(() -> AgentPack.parse("PK\u0003\u0004 not a pack".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(IOException.class).hasMessageContaining("rebuild the agent jar");
        assertThatThrownBy(() -> AgentPack.parse(new byte[3])).isInstanceOf(IOException.class);
    }

    @Test
    void refusesATruncatedOrDamagedPack() {
        byte[] pack = new Packs().add("a/B.class", new byte[100]).bytes();

        assertThatThrownBy(() -> AgentPack.parse(Arrays.copyOf(pack, 20)))
                .isInstanceOf(IOException.class).hasMessageContaining("rebuild the agent jar");
        assertThatThrownBy(() -> AgentPack.parse(Arrays.copyOf(pack, pack.length - 1)))
                .isInstanceOf(IOException.class).hasMessageContaining("damaged at a/B.class");
    }
}
