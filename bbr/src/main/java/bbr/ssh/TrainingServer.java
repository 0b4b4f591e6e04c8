package bbr.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A loopback SSH server with canned answers, for the launcher's class-data-sharing training run only: a run
 * against it loads the classes of a real connection (key exchange, host key, public-key login, commands), so
 * that every later run maps them from the archive instead of reading and verifying them from the jar.
 *
 * <p>It pretends to be a VM with one job, {@value #SCRIPT}, and no artifact directory. It runs nothing.
 */
public final class TrainingServer implements AutoCloseable {

    static final String SCRIPT = "/var/vcap/jobs/training/bin/bbr/backup";

    private final SshServer server;

    private TrainingServer(SshServer server) {
        this.server = server;
    }

    /** Listens on 127.0.0.1 with a fresh ed25519 host key, as stemcells offer, letting in only {@code user}. */
    public static TrainingServer start(PublicKey user) throws IOException, GeneralSecurityException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)));
        server.setPublickeyAuthenticator((username, key, session) -> KeyUtils.compareKeys(user, key));
        server.setCommandFactory((channel, command) -> new CannedCommand(command));
        server.start();
        return new TrainingServer(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** Answers the script search with {@link #SCRIPT}, the artifact directory check with "absent", all else with 0. */
    private static final class CannedCommand implements Command {
        private final String command;
        private OutputStream out;
        private ExitCallback exit;

        CannedCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            if (command.contains("find ")) {
                out.write((SCRIPT + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            exit.onExit(command.startsWith("sudo stat ") ? 1 : 0);
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
