package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;

class HostKeyPolicyTest {

    @Test
    void pinned_acceptsOnlyItsKey() {
        SshKeys.GeneratedKey mine = SshKeys.generateRsa2048();
        SshKeys.GeneratedKey other = SshKeys.generateRsa2048();

        HostKeyPolicy policy = HostKeyPolicy.pinned(mine.publicKeyLine() + " bosh-agent\n");

        assertThat(policy.verifyServerKey(null, null, mine.keyPair().getPublic())).isTrue();
        assertThat(policy.verifyServerKey(null, null, other.keyPair().getPublic())).isFalse();
    }

    @Test
    void pinnedRsa_offersRsaSha2BeforeSha1_andNothingElse() {
        HostKeyPolicy policy = HostKeyPolicy.pinned(SshKeys.generateRsa2048().publicKeyLine());

        assertThat(policy.hostKeyAlgorithms(null, List.of("ssh-ed25519", "rsa-sha2-512")))
                .containsExactly("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    }

    @Test
    void pinned_refusesALineThatIsNoKey() {
        assertThatThrownBy(() -> HostKeyPolicy.pinned("ssh-rsa not-base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an OpenSSH host public key: \"ssh-rsa not-base64!");
        assertThatThrownBy(() -> HostKeyPolicy.pinned(" "))
                .hasMessage("no host public key given to pin");
    }

    @Test
    void acceptAny_acceptsAnything_withMinasDefaultAlgorithmOrder() {
        HostKeyPolicy policy = HostKeyPolicy.acceptAny();

        assertThat(policy.verifyServerKey(null, null, SshKeys.generateRsa2048().keyPair().getPublic())).isTrue();
        assertThat(policy.hostKeyAlgorithms(null, List.of("ssh-ed25519", "rsa-sha2-512")))
                .containsExactly("ssh-ed25519", "rsa-sha2-512");
    }

    @Test
    void target_neverPrintsItsPrivateKey_andBracketsIpv6() {
        KeyPair key = SshKeys.generateRsa2048().keyPair();
        SshTarget target = new SshTarget("fd00::1", 2222, "vcap", key, HostKeyPolicy.acceptAny());

        assertThat(target.address()).isEqualTo("[fd00::1]:2222");
        assertThat(target.toString()).isEqualTo("vcap@[fd00::1]:2222 (any host key)");
    }

    @Test
    void target_refusesMissingParts() {
        KeyPair key = SshKeys.generateRsa2048().keyPair();

        assertThatThrownBy(() -> new SshTarget("", 22, "vcap", key, HostKeyPolicy.acceptAny()))
                .hasMessage("no SSH host given");
        assertThatThrownBy(() -> new SshTarget("h", 0, "vcap", key, HostKeyPolicy.acceptAny()))
                .hasMessage("SSH port out of range: 0");
        assertThatThrownBy(() -> new SshTarget("h", 22, " ", key, HostKeyPolicy.acceptAny()))
                .hasMessage("no SSH username given");
    }
}
