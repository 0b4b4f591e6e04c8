package bbr.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.Security;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The native cipher serves the name jagged asks for, and agrees byte for byte with the JDK's own. */
class NativeChaCha20Poly1305Test {

    @Test
    void install_onLinuxAmd64_servesChaCha20Poly1305_andNothingElse() throws Exception {
        assertThat(NativeChaCha20Poly1305.install()).isTrue();

        assertThat(Cipher.getInstance("ChaCha20-Poly1305").getProvider().getName())
                .isEqualTo("bbr-native-chacha20-poly1305");
        assertThat(Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName()).isEqualTo("SunJCE");
        assertThat(Security.getProviders("SSLContext.TLSv1.3")[0].getName()).isEqualTo("SunJSSE");
    }

    @Test
    void nativeCiphertext_opensWithTheJdkCipher_andTheReverse() throws Exception {
        NativeChaCha20Poly1305.install();
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] plain = new byte[65536 + 17];
        Random random = new Random(3);
        random.nextBytes(key);
        random.nextBytes(nonce);
        random.nextBytes(plain);
        byte[] sealedNatively = run(Cipher.getInstance("ChaCha20-Poly1305"), Cipher.ENCRYPT_MODE, key, nonce, plain);
        assertThat(run(jdk(), Cipher.DECRYPT_MODE, key, nonce, sealedNatively)).isEqualTo(plain);

        byte[] sealedByJdk = run(jdk(), Cipher.ENCRYPT_MODE, key, nonce, plain);
        assertThat(sealedByJdk).isEqualTo(sealedNatively);
        assertThat(run(Cipher.getInstance("ChaCha20-Poly1305"), Cipher.DECRYPT_MODE, key, nonce, sealedByJdk))
                .isEqualTo(plain);
    }

    /**
     * jagged seals every chunk from one heap ByteBuffer into another. Conscrypt alone copies such buffers into new
     * direct ones, freed only by a later garbage collection: RSS grew with the data (2.1 GB for 1 GiB).
     */
    @Test
    void sealingHeapByteBuffers_allocatesNoDirectMemory() throws Exception {
        NativeChaCha20Poly1305.install();
        byte[] key = new byte[32];
        ByteBuffer plain = ByteBuffer.allocate(1 << 20);
        ByteBuffer sealed = ByteBuffer.allocate((1 << 20) + 16);
        long before = directBytes();
        for (int i = 0; i < 16; i++) {
            byte[] nonce = new byte[12];
            nonce[0] = (byte) i;
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            plain.clear();
            sealed.clear();
            assertThat(cipher.doFinal(plain, sealed)).isEqualTo((1 << 20) + 16);
        }
        assertThat(directBytes() - before).isLessThan(1 << 20); // without the fix: about 32 MiB
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    /** A fresh one each time: the JDK's cipher refuses to encrypt twice under one key and nonce. */
    private static Cipher jdk() throws Exception {
        return Cipher.getInstance("ChaCha20-Poly1305", "SunJCE");
    }

    private static byte[] run(Cipher cipher, int mode, byte[] key, byte[] nonce, byte[] input) throws Exception {
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return cipher.doFinal(input);
    }
}
