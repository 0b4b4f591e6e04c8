package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.Test;

class SshClientFactoryTest {

    private final SshClient client = SshClientFactory.create(SshSettings.defaults());

    @Test
    void prefersAesGcm_overMinasDefaultChaCha() {
        assertThat(NamedResource.getNames(client.getCipherFactories()))
                .startsWith("aes128-gcm@openssh.com,aes256-gcm@openssh.com,");
    }

    @Test
    void offersThePureJavaSntrupKeyExchangeLast_andCurve25519First() {
        java.util.List<String> names = java.util.Arrays.asList(
                NamedResource.getNames(client.getKeyExchangeFactories()).split(","));

        assertThat(names).startsWith("curve25519-sha256").contains("sntrup761x25519-sha512");
        assertThat(names.subList(names.size() - 2, names.size())).allMatch(name -> name.startsWith("sntrup761"));
    }

    @Test
    void neverDisconnectsAnIdleSession_butSendsKeepalives() {
        assertThat(CoreModuleProperties.IDLE_TIMEOUT.getRequired(client)).isEqualTo(Duration.ZERO);
        assertThat(CoreModuleProperties.NIO2_READ_TIMEOUT.getRequired(client)).isEqualTo(Duration.ZERO);
        assertThat(CoreModuleProperties.HEARTBEAT_INTERVAL.getRequired(client)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CoreModuleProperties.HEARTBEAT_REQUEST.getRequired(client)).isEqualTo("keepalive@bbr");
        assertThat(CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.getRequired(client)).isEqualTo(10);
        assertThat(CoreModuleProperties.AUTH_TIMEOUT.getRequired(client)).isEqualTo(Duration.ofSeconds(70));
    }

    @Test
    void ignoresTheOperatorsSshConfigAndDefaultKeys() {
        assertThat(client.getHostConfigEntryResolver()).isSameAs(HostConfigEntryResolver.EMPTY);
        assertThat(client.getKeyIdentityProvider()).isSameAs(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        assertThat(NamedResource.getNames(client.getUserAuthFactories())).isEqualTo("publickey");
    }

    @Test
    void appliesTheFlowControlSettings() {
        SshSettings settings = SshSettings.defaults();
        assertThat(CoreModuleProperties.WINDOW_SIZE.getRequired(client)).isEqualTo(settings.windowSize());
        assertThat(CoreModuleProperties.MAX_PACKET_SIZE.getRequired(client)).isEqualTo((long) settings.packetSize());
    }
}
