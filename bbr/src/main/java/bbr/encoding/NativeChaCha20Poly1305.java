package bbr.encoding;

import java.security.Provider;
import java.security.Security;

/**
 * Serves the JCE's {@code ChaCha20-Poly1305}, which jagged asks for by name for every 64 KiB chunk of an age
 * payload, from BoringSSL through Conscrypt. Java 17's own implementation has no CPU intrinsics (they came in
 * JDK 20) and encrypts about 170 MB per CPU second, far below the copy's 350 MB/s; BoringSSL's does about 1.1 GB.
 * Only this one cipher is taken from Conscrypt: TLS, AES-GCM for SSH and everything else stay with the JDK's
 * providers. Where Conscrypt's native library does not load (another platform), the JDK's cipher is used.
 */
final class NativeChaCha20Poly1305 {

    static final String ALGORITHM = "ChaCha20-Poly1305";
    private static boolean installed;

    private NativeChaCha20Poly1305() {
    }

    /** Puts the native cipher first for {@value #ALGORITHM}, once; false when it is not available here. */
    static synchronized boolean install() {
        if (!installed) {
            installed = true;
            Provider conscrypt = conscrypt();
            Provider.Service service = conscrypt == null ? null : conscrypt.getService("Cipher", ALGORITHM);
            if (service != null) {
                Security.insertProviderAt(new OneCipher(service), 1);
            }
        }
        return Security.getProvider(OneCipher.NAME) != null;
    }

    private static Provider conscrypt() {
        try {
            return org.conscrypt.Conscrypt.isAvailable() ? org.conscrypt.Conscrypt.newProvider() : null;
        } catch (LinkageError | RuntimeException e) {
            return null; // no native library for this platform: the JDK's cipher still works, only slower
        }
    }

    /** A provider with Conscrypt's ChaCha20-Poly1305 and nothing else, so that nothing else changes hands. */
    private static final class OneCipher extends Provider {
        static final String NAME = "bbr-native-chacha20-poly1305";

        OneCipher(Provider.Service conscrypt) {
            super(NAME, "1.0", "Conscrypt's ChaCha20-Poly1305 only");
            putService(new Service(this, "Cipher", ALGORITHM, conscrypt.getClassName(), null, null) {
                @Override
                public Object newInstance(Object parameter) throws java.security.NoSuchAlgorithmException {
                    return conscrypt.newInstance(parameter);
                }
            });
        }
    }
}
