package bbr.testbed.vm;

/** How a private key file is encoded, as {@code ssh-keygen -m} names it. */
public enum KeyFormat {
    /** {@code -----BEGIN OPENSSH PRIVATE KEY-----}: the default of OpenSSH since 7.8. */
    OPENSSH("RFC4716"),
    /** Traditional {@code -----BEGIN RSA PRIVATE KEY-----} or {@code EC PRIVATE KEY}: what BOSH Directors hand out. */
    PEM("PEM"),
    /** {@code -----BEGIN PRIVATE KEY-----}. */
    PKCS8("PKCS8");

    private final String keygenName;

    KeyFormat(String keygenName) {
        this.keygenName = keygenName;
    }

    String keygenName() {
        return keygenName;
    }
}
