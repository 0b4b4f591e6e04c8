package bbr.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

import bbr.log.Level;
import bbr.log.Logger;

/**
 * One host's key checked the way OpenSSH checks it against the operator's known_hosts (see {@link KnownHosts}),
 * saying once per run which key was accepted; a reconnection must present that same key.
 */
final class KnownHostsPolicy implements HostKeyPolicy {

    private final KnownHosts knownHosts;
    private final String role;
    private final Logger logger;
    private final KnownHostsFileVerifier verifier;
    private final AtomicReference<PublicKey> accepted = new AtomicReference<>();

    KnownHostsPolicy(KnownHosts knownHosts, String role, Logger logger) {
        this.knownHosts = knownHosts;
        this.role = role;
        this.logger = logger;
        this.verifier = new KnownHostsFileVerifier(knownHosts);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey presented) {
        PublicKey earlier = accepted.get();
        if (earlier != null) {
            if (KeyUtils.compareKeys(earlier, presented)) {
                return true;
            }
            SshClientFactory.checkOf(session).verdict(new HostKeyVerdict(
                    HostKeyVerdict.Kind.CHANGED_DURING_RUN, SshClientFactory.targetOf(session), knownHosts.file(),
                    presented, List.of(earlier), null));
            return false;
        }
        boolean ok = verifier.verifyServerKey(session, remote, presented);
        HostKeyVerdict verdict = SshClientFactory.checkOf(session).verdict();
        if (ok && accepted.compareAndSet(null, presented)) {
            logger.log(level(verdict.kind()), verdict.accepted(role));
        }
        return ok;
    }

    private Level level(HostKeyVerdict.Kind kind) {
        switch (kind) {
            case MATCHED:
                return knownHosts.matchLevel();
            case CHANGED:
                return Level.WARN;
            default:
                return Level.INFO;
        }
    }

    /**
     * The algorithms of the key types listed for the host first, as OpenSSH orders them: a host with an ed25519
     * and an RSA key, listed with its RSA key only, then presents that one instead of failing the check.
     */
    @Override
    public List<String> hostKeyAlgorithms(SshTarget target, List<String> offered) {
        Set<String> listedTypes = verifier.listedKeys(target).stream()
                .map(KeyUtils::getKeyType)
                .collect(Collectors.toSet());
        List<String> ordered = new ArrayList<>();
        offered.stream().filter(name -> listedTypes.contains(KeyUtils.getCanonicalKeyType(name))).forEach(ordered::add);
        offered.stream().filter(name -> !ordered.contains(name)).forEach(ordered::add);
        return ordered;
    }

    @Override
    public String toString() {
        return "host keys of " + knownHosts.file();
    }
}
