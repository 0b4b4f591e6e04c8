package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SshLoginTest {

    @Test
    void parse_readsUserMethodAndSource_fromAnAcceptedLine() {
        assertThat(SshLogin.parse("Accepted publickey for bosh_3f1a from 127.0.0.1 port 36740 ssh2: RSA SHA256:xK13G"))
                .contains(new SshLogin("bosh_3f1a", "publickey", "127.0.0.1", 36740));
        assertThat(SshLogin.parse("Accepted publickey for vcap from ::1 port 22022 ssh2: ED25519 SHA256:abc"))
                .contains(new SshLogin("vcap", "publickey", "::1", 22022));
    }

    @Test
    void parse_ignoresEveryOtherLine() {
        assertThat(SshLogin.parse("Connection from 127.0.0.1 port 36740 on 127.0.0.2 port 22 rdomain \"\"")).isEmpty();
        assertThat(SshLogin.parse("Failed publickey for vcap from 127.0.0.1 port 1 ssh2: RSA SHA256:x")).isEmpty();
        assertThat(SshLogin.parse("Server listening on 127.0.0.2 port 22.")).isEmpty();
    }
}
