package bbr.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;

/** Builds the one MINA {@link SshClient} of a bbr run, configured for long silent scripts and fast bulk streams. */
final class SshClientFactory {

    /** Where {@link SshConnector} puts the target on a connection, so per-host policy can be applied to it. */
    static final AttributeKey<SshTarget> TARGET = new AttributeKey<>();
    /** Where {@link SshConnector} puts the connection's {@link HostKeyCheck}, so the error can tell a refused key. */
    static final AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeKey<>();

    /**
     * AES-GCM first: MINA's default order starts with chacha20-poly1305, which it implements in plain Java.
     * Measured downloads: chacha20 137 MB/s at 5.7 CPU s/GiB, aes128-gcm 260-320 MB/s at 1.7-1.9 (the JDK's
     * AES-NI intrinsics), aes128-ctr 240 MB/s at 2.4. CTR and chacha20 stay for servers without GCM.
     */
    static final List<BuiltinCiphers> CIPHERS = List.of(
            BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
            BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr,
            BuiltinCiphers.cc20p1305_openssh);

    /** Same name the original sends ([B:ssh/connection.go]), so VM-side logs look alike. */
    static final String HEARTBEAT_REQUEST = "keepalive@bbr";

    /**
     * A remote command may stop reading its stdin for long (a restore writing to a slow disk); MINA's 30 s default
     * would fail the upload mid-stream. Dead connections are found by heartbeats instead.
     */
    static final Duration WAIT_FOR_WINDOW = Duration.ofDays(365);

    private SshClientFactory() {
    }

    static SshClient create(SshSettings settings) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setCipherFactories(List.copyOf(CIPHERS));
        client.setKeyExchangeFactories(cheapKeyExchangesFirst(client.getKeyExchangeFactories()));
        // Only the target's own key: never ~/.ssh/id_* of whoever runs bbr, never a passphrase prompt.
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setFilePasswordProvider(FilePasswordProvider.EMPTY);
        // MINA reads ~/.ssh/config by default, which could silently redirect host, port or user.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        // Publickey auth signs with the full algorithm list, independent of the (maybe pinned) host-key list.
        client.setUserAuthFactories(List.of(new UserAuthPublicKeyFactory(client.getSignatureFactories())));
        client.setServerKeyVerifier((session, remote, key) -> {
            boolean accepted = targetOf(session).hostKeyPolicy().verifyServerKey(session, remote, key);
            if (!accepted) {
                checkOf(session).refused(key);
            }
            return accepted;
        });
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                // Runs before the session sends its KEXINIT, so the host-key algorithm list is still ours to set.
                SshTarget target = targetOf((ClientSession) session);
                List<NamedFactory<Signature>> offered = session.getSignatureFactories();
                List<String> algorithms = target.hostKeyPolicy().hostKeyAlgorithms(target,
                        NamedResource.getNameList(offered));
                if (!algorithms.equals(NamedResource.getNameList(offered))) {
                    session.setSignatureFactories(signatures(algorithms, offered));
                }
            }
        });

        // Scripts may run silently for hours: MINA's 10 minute idle disconnect must not apply.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, Duration.ZERO);
        // A backstop only: SshConnector's own wait must expire first to report which stage hung.
        CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.handshakeTimeout().plusSeconds(10));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, settings.connectTimeout());
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.heartbeatInterval());
        CoreModuleProperties.HEARTBEAT_REQUEST.set(client, HEARTBEAT_REQUEST);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, settings.heartbeatMaxMissed());
        CoreModuleProperties.WINDOW_SIZE.set(client, settings.windowSize());
        CoreModuleProperties.MAX_PACKET_SIZE.set(client, (long) settings.packetSize());
        CoreModuleProperties.WAIT_FOR_SPACE_TIMEOUT.set(client, WAIT_FOR_WINDOW);
        return client;
    }

    /**
     * MINA offers sntrup761x25519 before curve25519, and OpenSSH 9.x picks it, but BouncyCastle computes it in
     * plain Java: a third of all CPU samples of a cold 1 GiB backup went to its key generation (JFR), and a
     * deployment pays it once per VM. It goes last, so curve25519 leads, which is also what the original bbr
     * negotiated.
     */
    static List<KeyExchangeFactory> cheapKeyExchangesFirst(List<KeyExchangeFactory> offered) {
        List<KeyExchangeFactory> ordered = new ArrayList<>(offered);
        ordered.sort(Comparator.comparing(kex -> kex.getName().startsWith("sntrup761"))); // stable: false first
        return ordered;
    }

    static SshTarget targetOf(ClientSession session) {
        return session.getConnectionContext().getAttribute(TARGET);
    }

    static HostKeyCheck checkOf(ClientSession session) {
        return session.getConnectionContext().getAttribute(HOST_KEY_CHECK);
    }

    /** The factories named, taken from {@code offered} where it has them. */
    static List<NamedFactory<Signature>> signatures(List<String> names, List<NamedFactory<Signature>> offered) {
        return names.stream()
                .map(name -> {
                    NamedFactory<Signature> factory = NamedResource.findByName(name, String::compareTo, offered);
                    return factory != null ? factory : BuiltinSignatures.fromFactoryName(name);
                })
                .collect(Collectors.toUnmodifiableList());
    }
}
