package bbr.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Reads an operator's SSH private key file and makes the throw-away keys of deployment mode's temporary users.
 *
 * <p>RSA, ECDSA and ed25519 keys load from OpenSSH ("BEGIN OPENSSH PRIVATE KEY") and PEM files (PKCS#1
 * "BEGIN RSA PRIVATE KEY", "BEGIN EC PRIVATE KEY", PKCS#8 "BEGIN PRIVATE KEY"). ed25519 needs no extra library:
 * MINA 2.20 uses BouncyCastle's EdDSA (its BouncyCastleEdDSASupport) when net.i2p eddsa is absent.
 * Messages name the file, never its content.
 */
public final class SshKeys {

    /** A fresh key pair and its public half as an OpenSSH line ("ssh-rsa AAAA..."), never written to disk. */
    public record GeneratedKey(KeyPair keyPair, String publicKeyLine) {

        @Override
        public String toString() {
            return "GeneratedKey[" + publicKeyLine + "]";
        }
    }

    /** Refuses passphrases: bbr has no prompt, and MINA would otherwise retry or fail obscurely. */
    private static final FilePasswordProvider NO_PASSPHRASE = (session, resource, retry) -> {
        throw new PassphraseRequired();
    };

    private SshKeys() {
    }

    /**
     * Loads the private key (and its public half) from {@code path}.
     *
     * @throws IOException naming the path when it is missing, unreadable, not a key, or passphrase-protected
     */
    public static KeyPair load(Path path) throws IOException {
        byte[] content = read(path);
        Iterable<KeyPair> keys;
        try {
            keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(path.toString()),
                    new ByteArrayInputStream(content), NO_PASSPHRASE);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw askedForPassphrase(e) ? passphraseProtected(path) : notAKey(path, e);
        }
        Iterator<KeyPair> found = keys == null ? null : keys.iterator();
        if (found == null || !found.hasNext()) {
            throw notAKey(path, null);
        }
        KeyPair key = found.next();
        if (key.getPrivate() == null || key.getPublic() == null) {
            throw notAKey(path, null);
        }
        return key;
    }

    /** Generates an RSA-2048 key pair, as bosh-cli does for {@code bosh ssh} users. */
    public static GeneratedKey generateRsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new GeneratedKey(pair, PublicKeyEntry.toString(pair.getPublic()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
    }

    /** {@code pair}'s private key as a PEM "BEGIN RSA PRIVATE KEY" (PKCS#1) file, the format BOSH hands out. */
    public static String pemOf(KeyPair pair) throws IOException {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        return "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    private static byte[] read(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("SSH private key " + path + " is a directory, not a key file");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IOException("SSH private key " + path + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("SSH private key " + path + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new IOException("SSH private key " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean askedForPassphrase(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PassphraseRequired) {
                return true;
            }
        }
        return false;
    }

    private static IOException passphraseProtected(Path path) {
        return new IOException("SSH private key " + path + " is protected by a passphrase, which bbr does not "
                + "support; use a copy without one (ssh-keygen -p -N '' -f COPY removes it)");
    }

    /** Deliberately without the parser's message: some quote the offending input, which may be key material. */
    private static IOException notAKey(Path path, Throwable cause) {
        return new IOException("SSH private key " + path + " is not a private key in OpenSSH or PEM format "
                + "(RSA, ECDSA or ed25519 expected)", cause);
    }

    /** Thrown through MINA's parser when a key file asks for a passphrase. */
    private static final class PassphraseRequired extends IOException {
        PassphraseRequired() {
            super("passphrase required");
        }
    }
}
