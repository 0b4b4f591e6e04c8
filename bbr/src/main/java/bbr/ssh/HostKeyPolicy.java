package bbr.ssh;

import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** Which host key bbr accepts from a VM: any (director mode, as the original) or one pinned key (deployment mode). */
public sealed interface HostKeyPolicy {

    /** Accepts whatever key the host presents; the original bbr does the same in director mode. */
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

    /** Whether {@code presented} may be trusted. */
    boolean accepts(PublicKey presented);

    /** The host-key algorithms to offer in key exchange, most preferred first; empty for MINA's default order. */
    List<String> hostKeyAlgorithms();

    /** See {@link #acceptAny()}. */
    enum AcceptAny implements HostKeyPolicy {
        INSTANCE;

        @Override
        public boolean accepts(PublicKey presented) {
            return true;
        }

        @Override
        public List<String> hostKeyAlgorithms() {
            return List.of();
        }

        @Override
        public String toString() {
            return "any host key";
        }
    }

    /** See {@link #pinned(String)}. */
    record Pinned(PublicKey key) implements HostKeyPolicy {

        @Override
        public boolean accepts(PublicKey presented) {
            return KeyUtils.compareKeys(key, presented);
        }

        /**
         * Only algorithms for the pinned key's type: a VM also holding ed25519/ECDSA keys would otherwise negotiate
         * one of those and fail the pin (the original sets HostKeyAlgorithms the same way). RSA offers
         * rsa-sha2-512, rsa-sha2-256, then ssh-rsa: new stemcells dropped SHA-1 ssh-rsa (bbr PRs #539/#541).
         */
        @Override
        public List<String> hostKeyAlgorithms() {
            String type = KeyUtils.getKeyType(key);
            return KeyPairProvider.SSH_RSA.equals(type)
                    ? List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa")
                    : List.of(type);
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

    /** A key as operators compare it: {@code ssh-rsa SHA256:...}. */
    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }
}
