package bbr.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Which host key bbr accepts from a host: the one the Director gives (deployment mode), the ones the operator's
 * known_hosts lists (director mode and the jumpbox), or any (tests).
 */
public sealed interface HostKeyPolicy extends ServerKeyVerifier
        permits HostKeyPolicy.AcceptAny, HostKeyPolicy.Pinned, KnownHostsPolicy {

    /** Accepts whatever key the host presents, as the original bbr did in director mode. */
    static HostKeyPolicy acceptAny() {
        return AcceptAny.INSTANCE;
    }

    /**
     * Accepts only the key in {@code openSshPublicKeyLine}, e.g. the Director's {@code "ssh-rsa AAAA..."}.
     *
     * @throws IllegalArgumentException if the line is not an OpenSSH public key
     */
    static HostKeyPolicy pinned(String openSshPublicKeyLine) {
        if (openSshPublicKeyLine == null || openSshPublicKeyLine.isBlank()) {
            throw new IllegalArgumentException("no host public key given to pin");
        }
        try {
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(openSshPublicKeyLine.strip())
                    .resolvePublicKey(null, null, null);
            if (key == null) {
                throw new IllegalArgumentException("unsupported host key type");
            }
            return new Pinned(key);
        } catch (Exception e) {
            String start = openSshPublicKeyLine.strip();
            throw new IllegalArgumentException("not an OpenSSH host public key: \""
                    + start.substring(0, Math.min(start.length(), 40)) + "...\" (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The host-key algorithms to offer {@code target} in key exchange, most preferred first.
     *
     * @param offered what MINA would offer, in its order
     */
    List<String> hostKeyAlgorithms(SshTarget target, List<String> offered);

    /** See {@link #acceptAny()}. */
    enum AcceptAny implements HostKeyPolicy {
        INSTANCE;

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey presented) {
            return true;
        }

        @Override
        public List<String> hostKeyAlgorithms(SshTarget target, List<String> offered) {
            return offered;
        }

        @Override
        public String toString() {
            return "any host key";
        }
    }

    /** See {@link #pinned(String)}. */
    record Pinned(PublicKey key) implements HostKeyPolicy {

        /** Whether {@code presented} is the pinned key. */
        public boolean accepts(PublicKey presented) {
            return KeyUtils.compareKeys(key, presented);
        }

        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey presented) {
            return accepts(presented);
        }

        /**
         * Only algorithms for the pinned key's type: a VM also holding ed25519/ECDSA keys would otherwise negotiate
         * one of those and fail the pin (the original sets HostKeyAlgorithms the same way). RSA offers
         * rsa-sha2-512, rsa-sha2-256, then ssh-rsa: new stemcells dropped SHA-1 ssh-rsa (bbr PRs #539/#541).
         */
        @Override
        public List<String> hostKeyAlgorithms(SshTarget target, List<String> offered) {
            return algorithmsFor(KeyUtils.getKeyType(key));
        }

        /** The key type and SHA-256 fingerprint, as {@code ssh-keygen -l} shows it. */
        public String fingerprint() {
            return describe(key);
        }

        @Override
        public String toString() {
            return "host key " + fingerprint();
        }
    }

    /** The signature algorithms that a host key of {@code keyType} ("ssh-rsa", "ssh-ed25519") signs with. */
    static List<String> algorithmsFor(String keyType) {
        return KeyPairProvider.SSH_RSA.equals(keyType)
                ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa")
                : List.of(keyType);
    }

    /** A key as operators compare it: {@code ssh-rsa SHA256:...}, the fingerprint as {@code ssh-keygen -l} shows it. */
    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }
}
