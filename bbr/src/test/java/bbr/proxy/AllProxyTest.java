package bbr.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AllProxyTest {

    @Test
    void unsetOrBlank_meansDirect() {
        assertThat(AllProxy.parse(null)).isNull();
        assertThat(AllProxy.parse("  ")).isNull();
    }

    @Test
    void socks5_defaultsToPort1080_andKeepsItsCredentialsOutOfItsName() {
        AllProxy.Socks plain = (AllProxy.Socks) AllProxy.parse("socks5h://proxy.internal");
        AllProxy.Socks withUser = (AllProxy.Socks) AllProxy.parse("socks5://ops:p%40ss@10.0.0.5:1081");

        assertThat(plain).isEqualTo(new AllProxy.Socks("proxy.internal", 1080, null, null));
        assertThat(withUser).isEqualTo(new AllProxy.Socks("10.0.0.5", 1081, "ops", "p@ss"));
        assertThat(withUser.toString()).isEqualTo("socks5://ops@10.0.0.5:1081").doesNotContain("p@ss");
        assertThat(withUser.javaProxy().toString()).isEqualTo("socks5://ops@10.0.0.5:1081");
        assertThat(((InetSocketAddress) plain.javaProxy().address()).getPort()).isEqualTo(1080);
    }

    @Test
    void sshJumpbox_takesUserHostPortAndKey_withTheOriginalsDefaultUser() {
        assertThat(AllProxy.parse("ssh+socks5://ops@jump.internal:2222?private-key=/keys/jump%20box.pem"))
                .isEqualTo(new AllProxy.Jumpbox("ops", "jump.internal", 2222, Path.of("/keys/jump box.pem")));
        assertThat(AllProxy.parse("ssh+socks5://10.0.0.5:22?private-key=/k"))
                .isEqualTo(new AllProxy.Jumpbox("jumpbox", "10.0.0.5", 22, Path.of("/k")))
                .hasToString("ssh+socks5://jumpbox@10.0.0.5:22");
    }

    @Test
    void sshJumpbox_withoutKeyOrPort_isRefusedAsTheOriginalWordsIt() {
        assertThatThrownBy(() -> AllProxy.parse("ssh+socks5://jumpbox@10.0.0.5:22"))
                .hasMessage("BOSH_ALL_PROXY: Required query param 'private-key' not found");
        assertThatThrownBy(() -> AllProxy.parse("ssh+socks5://jumpbox@10.0.0.5?private-key=/k"))
                .hasMessageContaining("needs a port");
    }

    @Test
    void otherSchemes_areRefusedNamingTheScheme() {
        assertThatThrownBy(() -> AllProxy.parse("http://proxy:3128"))
                .hasMessage("BOSH_ALL_PROXY: proxy: unknown scheme: http");
        assertThatThrownBy(() -> AllProxy.parse("socks5://"))
                .hasMessageContaining("BOSH_ALL_PROXY");
    }
}
