package io.resilienceagent.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentArgsTest {
    @Test
    void parsesConfigAndOnConfigError() {
        assertThat(AgentArgs.parse("config=/etc/r.yaml,onConfigError=continue"))
                .isEqualTo(new AgentArgs(Optional.of("/etc/r.yaml"), false, true, Optional.empty(), Optional.empty(), true));
        assertThat(AgentArgs.parse(" onConfigError=exit , config=a.yaml "))
                .isEqualTo(new AgentArgs(Optional.of("a.yaml"), true, true, Optional.empty(), Optional.empty(), true));
        assertThat(AgentArgs.parse("config=a.yaml,reload=off,report=/tmp/r.txt"))
                .isEqualTo(new AgentArgs(Optional.of("a.yaml"), true, false, Optional.of("/tmp/r.txt"), Optional.empty(), true));
        assertThat(AgentArgs.parse(null)).isEqualTo(AgentArgs.DEFAULTS);
        assertThat(AgentArgs.parse("")).isEqualTo(AgentArgs.DEFAULTS);
    }

    @Test
    void aPathMayHoldCommas() {
        assertThat(AgentArgs.parse("config=/srv/conf,v2/resilience.yaml,report=/tmp/a,b/report.txt,reload=off"))
                .isEqualTo(new AgentArgs(Optional.of("/srv/conf,v2/resilience.yaml"), true, false, Optional.of("/tmp/a,b/report.txt"), Optional.empty(), true));
        assertThatThrownBy(() -> AgentArgs.parse("reload=off,v2")).hasMessageContaining("'v2' is not key=value");
        assertThat(AgentArgs.parse("config=a.yaml,")).as("a trailing comma").isEqualTo(
                new AgentArgs(Optional.of("a.yaml"), true, true, Optional.empty(), Optional.empty(), true));
        assertThatThrownBy(() -> AgentArgs.parse("config=a.yaml,relaod=off")).as("a misspelt argument after a path")
                .hasMessageContaining("unknown agent argument 'relaod'");
        assertThat(AgentArgs.asksToContinue("config=a.yaml,onconfigerror=continue")).isTrue();
    }

    @Test
    void anEmptyOrRepeatedArgumentIsRefusedNotTakenForTheWorkingDirectoryOrOverwritten() {
        assertThatThrownBy(() -> AgentArgs.parse("config=")).hasMessage(
                "config= needs a file, such as config=/etc/app/resilience.yaml");
        assertThatThrownBy(() -> AgentArgs.parse("config=good.yaml,config=")).hasMessageContaining("'config' is given twice");
        assertThatThrownBy(() -> AgentArgs.parse("config=a.yaml,reload=off,config=b.yaml")).hasMessage(
                "agent argument 'config' is given twice; give it once");
        assertThatThrownBy(() -> AgentArgs.parse("reload=off, reload = on")).hasMessageContaining("'reload' is given twice");
    }

    @Test
    void blanksAroundTheEqualsSignKeepACommaInAPath() {
        assertThat(AgentArgs.parse(" config = /srv/a,b.yaml")).isEqualTo(
                new AgentArgs(Optional.of("/srv/a,b.yaml"), true, true, Optional.empty(), Optional.empty(), true));
    }

    @Test
    void takesTheWovenClassCacheDirectoryWhichMayHoldCommas() {
        assertThat(AgentArgs.parse("config=a.yaml,cache=/var/cache/ra,v2,reload=off"))
                .isEqualTo(new AgentArgs(Optional.of("a.yaml"), true, false, Optional.empty(), Optional.of("/var/cache/ra,v2"), true));
        assertThatThrownBy(() -> AgentArgs.parse("cache=")).hasMessageContaining("cache= needs a directory");
    }

    @Test
    void jitHintsAreOnUnlessTurnedOff() {
        assertThat(AgentArgs.DEFAULTS.jitHints()).isTrue();
        assertThat(AgentArgs.parse("config=a.yaml,jitHints=off").jitHints()).isFalse();
        assertThat(AgentArgs.parse("jitHints=ON,config=a.yaml").jitHints()).isTrue();
        assertThatThrownBy(() -> AgentArgs.parse("jitHints=no")).hasMessageContaining("jitHints=no is not valid")
                .hasMessageContaining("use on").hasMessageContaining("or off");
    }

    @Test
    void rejectsUnknownKeysAndValuesWithTheAcceptedForms() {
        assertThatThrownBy(() -> AgentArgs.parse("conifg=a.yaml"))
                .hasMessageContaining("unknown agent argument 'conifg'").hasMessageContaining("config=PATH")
                .hasMessageContaining("cache=DIR").hasMessageContaining("jitHints=on|off")
                .hasMessageNotContaining("report");
        assertThatThrownBy(() -> AgentArgs.parse("onConfigError=ignore"))
                .hasMessageContaining("onConfigError=ignore").hasMessageContaining("exit or continue");
        assertThatThrownBy(() -> AgentArgs.parse("a.yaml")).hasMessageContaining("not key=value");
        assertThatThrownBy(() -> AgentArgs.parse("reload=never")).hasMessageContaining("reload=never").hasMessageContaining("on")
                .hasMessageContaining("off");
    }

    @Test
    void continueIsHonouredEvenWhenOtherArgumentsAreBad() {
        assertThat(AgentArgs.asksToContinue("bogus, onConfigError=continue")).isTrue();
        assertThat(AgentArgs.asksToContinue("bogus")).isFalse();
    }

    @Test
    void configLookupOrderIsArgumentPropertyEnvironmentThenWorkingDirectory() {
        Properties properties = new Properties();
        properties.setProperty("resilience.config", "/from/property.yaml");
        Map<String, String> environment = Map.of("RESILIENCE_AGENT_CONFIG", "/from/env.yaml");
        AgentArgs withConfig = new AgentArgs(Optional.of("/from/arg.yaml"), true, true, Optional.empty(), Optional.empty(), true);

        Path cwd = Path.of("/nowhere");

        assertThat(ConfigLocator.locate(withConfig, properties, environment, cwd)).contains(Path.of("/from/arg.yaml"));
        assertThat(ConfigLocator.locate(AgentArgs.DEFAULTS, properties, environment, cwd))
                .contains(Path.of("/from/property.yaml"));
        assertThat(ConfigLocator.locate(AgentArgs.DEFAULTS, new Properties(), environment, cwd))
                .contains(Path.of("/from/env.yaml"));
    }

    @Test
    void fallsBackToResilienceYamlInTheWorkingDirectoryOnlyWhenItExists(@TempDir Path dir) throws Exception {
        assertThat(ConfigLocator.locate(AgentArgs.DEFAULTS, new Properties(), Map.of(), dir)).isEmpty();

        Files.writeString(dir.resolve("resilience.yaml"), "services: {}\n");

        assertThat(ConfigLocator.locate(AgentArgs.DEFAULTS, new Properties(), Map.of(), dir))
                .contains(dir.resolve("resilience.yaml"));
    }
}
