package bbr.ssh;

import java.security.PublicKey;

/**
 * What the host-key check of one connection found, kept in the connection's context rather than on the session:
 * MINA clears a session's attributes as soon as it closes, which a refused key makes it do at once.
 */
final class HostKeyCheck {

    private volatile PublicKey refused;
    private volatile HostKeyVerdict verdict;

    void refused(PublicKey presented) {
        refused = presented;
    }

    /** The key the host presented and the policy refused; null while none was refused. */
    PublicKey refusedKey() {
        return refused;
    }

    void verdict(HostKeyVerdict found) {
        verdict = found;
    }

    /** What a known_hosts check found; null for other policies and before the check. */
    HostKeyVerdict verdict() {
        return verdict;
    }
}
