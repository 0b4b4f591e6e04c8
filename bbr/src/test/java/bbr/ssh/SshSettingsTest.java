package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SshSettingsTest {

    @Test
    void configured_withoutTheProperty_isTheDefaults() {
        assertThat(SshSettings.configured(null)).isEqualTo(SshSettings.defaults());
    }

    @Test
    void configured_takesTheHandshakeTimeoutAsIsoDurationOrSeconds() {
        assertThat(SshSettings.configured("PT3S").handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(SshSettings.configured(" 90 ").handshakeTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(SshSettings.configured("PT3S").connectTimeout()).isEqualTo(SshSettings.defaults().connectTimeout());
    }

    @Test
    void configured_refusesWhatIsNoPositiveDuration_namingTheProperty() {
        for (String bad : new String[] {"3s", "", "PT0S", "0", "-PT1S"}) {
            assertThatThrownBy(() -> SshSettings.configured(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("-Dbbr.ssh.handshake-timeout=" + bad + " is not a positive duration");
        }
    }
}
