package bbr.ssh;

import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * MINA's known_hosts check (hashed and {@code [host]:port} entries, {@code @revoked}, several keys per host), made
 * read-only and made to say what it found: each verified session gets a {@link HostKeyVerdict} attribute.
 */
final class KnownHostsFileVerifier extends KnownHostsServerKeyVerifier {

    private final KnownHosts knownHosts;
    private List<HostEntryPair> entries;
    private String problem;

    KnownHostsFileVerifier(KnownHosts knownHosts) {
        super(RejectAllServerKeyVerifier.INSTANCE, knownHosts.file());
        this.knownHosts = knownHosts;
    }

    /** The file's entries, read once a run so that ordering the algorithms and checking the key see the same. */
    synchronized List<HostEntryPair> entries() {
        if (entries == null) {
            entries = List.of();
            Path file = getPath();
            if (Files.exists(file)) {
                try {
                    entries = List.copyOf(reloadKnownHosts(null, file));
                } catch (Exception e) {
                    problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            }
        }
        return entries;
    }

    /** The keys the file lists for {@code target}, revoked and certificate-authority keys left out. */
    List<PublicKey> listedKeys(SshTarget target) {
        return entries().stream()
                .filter(pair -> pair.getHostEntry().getMarker() == null
                        && pair.getHostEntry().isHostMatch(target.host(), target.port()))
                .map(HostEntryPair::getServerKey)
                .toList();
    }

    @Override
    protected Supplier<Collection<HostEntryPair>> getKnownHostSupplier(ClientSession session, Path file) {
        return this::entries;
    }

    /**
     * The host as bbr was told to reach it, as OpenSSH matches it: MINA would use the connected address, which
     * through {@code BOSH_ALL_PROXY} is a local relay's.
     */
    @Override
    protected Collection<SshdSocketAddress> resolveHostNetworkIdentities(ClientSession session, SocketAddress remote) {
        SshTarget target = SshClientFactory.targetOf(session);
        return List.of(new SshdSocketAddress(target.host(), target.port()));
    }

    @Override
    protected boolean acceptKnownHostEntries(ClientSession session, SocketAddress remote, PublicKey presented,
                                             Collection<HostEntryPair> known) {
        boolean accepted = super.acceptKnownHostEntries(session, remote, presented, known);
        if (accepted && SshClientFactory.checkOf(session).verdict() == null) {
            note(session, HostKeyVerdict.Kind.MATCHED, presented);
        }
        return accepted;
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey presented) {
        if (problem != null) {
            note(session, HostKeyVerdict.Kind.UNREADABLE, presented);
            return false;
        }
        note(session, HostKeyVerdict.Kind.UNLISTED, presented);
        return knownHosts.strictness() != KnownHosts.Strictness.YES;
    }

    /** MINA would accept an unreadable file as one that lists nobody. */
    @Override
    protected boolean acceptIncompleteHostKeys(ClientSession session, SocketAddress remote, PublicKey presented,
                                               Throwable reason) {
        synchronized (this) {
            problem = String.valueOf(reason.getMessage());
        }
        return acceptUnknownHostKey(session, remote, presented);
    }

    @Override
    public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                           PublicKey expected, PublicKey actual) {
        note(session, HostKeyVerdict.Kind.CHANGED, actual);
        return knownHosts.strictness() == KnownHosts.Strictness.NO;
    }

    @Override
    protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey presented) {
        note(session, HostKeyVerdict.Kind.REVOKED, presented);
    }

    /** bbr never writes the operator's known_hosts: an accepted changed key replaces no line. */
    @Override
    protected void updateModifiedServerKey(ClientSession session, SocketAddress remote, PublicKey presented,
                                           Collection<HostEntryPair> known, HostEntryPair match) {
    }

    /** bbr never writes the operator's known_hosts: an accepted new host is not appended. */
    @Override
    protected KnownHostEntry updateKnownHostsFile(ClientSession session, SocketAddress remote, PublicKey presented,
                                                  Path file, Collection<HostEntryPair> known) {
        return null;
    }

    private synchronized void note(ClientSession session, HostKeyVerdict.Kind kind, PublicKey presented) {
        SshTarget target = SshClientFactory.targetOf(session);
        SshClientFactory.checkOf(session).verdict(
                new HostKeyVerdict(kind, target, getPath(), presented, listedKeys(target), problem));
    }
}
