package bbr.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostAndPortTest {

    @Test
    void portDefaultsTo22() {
        assertThat(HostAndPort.parse("10.0.0.6")).isEqualTo(new HostAndPort("10.0.0.6", 22));
        assertThat(HostAndPort.parse("bosh.example.com:2222")).isEqualTo(new HostAndPort("bosh.example.com", 2222));
        assertThat(HostAndPort.parse("[::1]:2222")).isEqualTo(new HostAndPort("::1", 2222));
        assertThat(HostAndPort.parse("::1")).isEqualTo(new HostAndPort("::1", 22));
    }

    @Test
    void badPortsAreRefusedWithTheValue() {
        assertThatThrownBy(() -> HostAndPort.parse("host:abc")).hasMessageContaining("'host:abc'");
        assertThatThrownBy(() -> HostAndPort.parse("host:70000")).hasMessageContaining("invalid port");
    }
}
