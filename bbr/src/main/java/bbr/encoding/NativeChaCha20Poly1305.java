package bbr.encoding;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;

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
            if (conscrypt != null && conscrypt.getService("Cipher", ALGORITHM) != null) {
                Security.insertProviderAt(new OneCipher(conscrypt), 1);
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

        OneCipher(Provider conscrypt) {
            super(NAME, "1.0", "Conscrypt's ChaCha20-Poly1305 only");
            putService(new Service(this, "Cipher", ALGORITHM, HeapArrays.class.getName(), null, null) {
                @Override
                public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                    try {
                        return new HeapArrays(Cipher.getInstance(ALGORITHM, conscrypt));
                    } catch (NoSuchPaddingException e) {
                        throw new NoSuchAlgorithmException(e);
                    }
                }
            });
        }
    }

    /**
     * Conscrypt's cipher, fed arrays. jagged seals each chunk from one heap ByteBuffer into another; given heap
     * buffers, Conscrypt copies both into new direct buffers, whose native memory is returned only when a
     * garbage collection happens to find them: 128 KiB per 64 KiB chunk, 2.1 GB of RSS for a 1 GiB backup
     * (NMT "Other"). CipherSpi's own ByteBuffer methods pass a heap buffer's array straight to the array methods.
     */
    private static final class HeapArrays extends CipherSpi {
        private final Cipher cipher;

        HeapArrays(Cipher cipher) {
            this.cipher = cipher;
        }

        @Override
        protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
            if (!mode.equalsIgnoreCase("None")) {
                throw new NoSuchAlgorithmException(ALGORITHM + " has no mode " + mode);
            }
        }

        @Override
        protected void engineSetPadding(String padding) throws NoSuchPaddingException {
            if (!padding.equalsIgnoreCase("NoPadding")) {
                throw new NoSuchPaddingException(ALGORITHM + " has no padding " + padding);
            }
        }

        @Override
        protected int engineGetBlockSize() {
            return cipher.getBlockSize();
        }

        @Override
        protected int engineGetOutputSize(int inputLength) {
            return cipher.getOutputSize(inputLength);
        }

        @Override
        protected byte[] engineGetIV() {
            return cipher.getIV();
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return cipher.getParameters();
        }

        @Override
        protected void engineInit(int mode, Key key, SecureRandom random) throws InvalidKeyException {
            cipher.init(mode, key, random);
        }

        @Override
        protected void engineInit(int mode, Key key, AlgorithmParameterSpec parameters, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            cipher.init(mode, key, parameters, random);
        }

        @Override
        protected void engineInit(int mode, Key key, AlgorithmParameters parameters, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            cipher.init(mode, key, parameters, random);
        }

        @Override
        protected void engineUpdateAAD(byte[] aad, int offset, int length) {
            cipher.updateAAD(aad, offset, length);
        }

        @Override
        protected void engineUpdateAAD(ByteBuffer aad) {
            byte[] bytes = new byte[aad.remaining()];
            aad.get(bytes);
            cipher.updateAAD(bytes);
        }

        @Override
        protected byte[] engineUpdate(byte[] input, int offset, int length) {
            return cipher.update(input, offset, length);
        }

        @Override
        protected int engineUpdate(byte[] input, int offset, int length, byte[] output, int outputOffset)
                throws ShortBufferException {
            return cipher.update(input, offset, length, output, outputOffset);
        }

        @Override
        protected byte[] engineDoFinal(byte[] input, int offset, int length)
                throws IllegalBlockSizeException, BadPaddingException {
            return cipher.doFinal(input, offset, length);
        }

        @Override
        protected int engineDoFinal(byte[] input, int offset, int length, byte[] output, int outputOffset)
                throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
            return cipher.doFinal(input, offset, length, output, outputOffset);
        }
    }
}
