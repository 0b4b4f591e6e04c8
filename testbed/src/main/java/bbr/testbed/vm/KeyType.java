package bbr.testbed.vm;

import java.util.List;

/** An SSH key algorithm and size that {@code ssh-keygen} can generate. */
public enum KeyType {
    /** 2048 bits, like the keys a BOSH Director generates for SSH sessions; quick to generate. */
    RSA("rsa", 2048),
    RSA_4096("rsa", 4096),
    ED25519("ed25519", 0),
    ECDSA_256("ecdsa", 256),
    ECDSA_384("ecdsa", 384),
    ECDSA_521("ecdsa", 521);

    private final String keygenName;
    private final int bits;

    KeyType(String keygenName, int bits) {
        this.keygenName = keygenName;
        this.bits = bits;
    }

    /** The name sshd uses in host key file names: ssh_host_{rsa,ed25519,ecdsa}_key. */
    public String keygenName() {
        return keygenName;
    }

    List<String> keygenArguments() {
        return bits == 0 ? List.of("-t", keygenName) : List.of("-t", keygenName, "-b", Integer.toString(bits));
    }
}
