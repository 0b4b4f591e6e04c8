package bbr.ssh;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.util.security.SecurityUtils;

import bbr.concurrent.Daemons;

/**
 * Loads and initialises the SSH stack on a second core while the first parses the command line. Registering
 * the BouncyCastle provider alone fills hundreds of algorithm entries; done here, the first connection no longer
 * waits for it.
 */
public final class Warmup {

    private Warmup() {
    }

    public static void startInBackground() {
        Daemons.start(() -> {
            SecurityUtils.isBouncyCastleRegistered();
            SshClient.setUpDefaultClient(); // builds the default cipher, key exchange and signature factories
        }, "ssh-warmup");
    }
}
