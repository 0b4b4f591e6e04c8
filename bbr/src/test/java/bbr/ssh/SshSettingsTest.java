package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SshSettingsTest {

    @Test
    void configured_withoutTheProperty_isTheDefaults() {
        assertThat(SshSettings.configured(name -> null)).isEqualTo(SshSettings.defaults());
    }

    @Test
    void configured_takesTheHandshakeTimeoutAsIsoDurationOrSeconds() {
        assertThat(handshake("PT3S").handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(handshake(" 90 ").handshakeTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(handshake("PT3S").connectTimeout()).isEqualTo(SshSettings.defaults().connectTimeout());
    }

    @Test
    void configured_refusesWhatIsNoPositiveDuration_namingTheProperty() {
        for (String bad : new String[] {"3s", "", "PT0S", "0", "-PT1S"}) {
            assertThatThrownBy(() -> handshake(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("-Dbbr.ssh.handshake-timeout=" + bad + " is not a positive duration");
        }
    }

    @Test
    void configured_takesTheHeartbeatInterval_keepingTheMissedCount() {
        SshSettings settings = SshSettings.configured(
                name -> name.equals(SshSettings.HEARTBEAT_INTERVAL_PROPERTY) ? "1" : null);

        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.heartbeatMaxMissed()).isEqualTo(SshSettings.defaults().heartbeatMaxMissed());
        assertThat(settings.handshakeTimeout()).isEqualTo(SshSettings.defaults().handshakeTimeout());
    }

    private static SshSettings handshake(String value) {
        return SshSettings.configured(name -> name.equals(SshSettings.HANDSHAKE_TIMEOUT_PROPERTY) ? value : null);
    }
}
