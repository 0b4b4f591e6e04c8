package bbr.testbed.vm;

import java.util.List;

/**
 * How many VMs a {@link VmFarm} starts, and how their sshd is set up.
 *
 * @param hostKeyTypes the types of each VM's host keys, one key per type; sshd loads them in this order
 */
public record FarmOptions(int vmCount, List<KeyType> hostKeyTypes, int preferredSshPort) {

    public FarmOptions {
        if (vmCount < 1 || vmCount > 200) {
            throw new IllegalArgumentException("a farm has 1 to 200 VMs, not " + vmCount);
        }
        if (preferredSshPort < 1 || preferredSshPort > 65535) {
            throw new IllegalArgumentException("not a port: " + preferredSshPort);
        }
        hostKeyTypes = List.copyOf(hostKeyTypes);
        if (hostKeyTypes.isEmpty()
                || hostKeyTypes.stream().map(KeyType::keygenName).distinct().count() != hostKeyTypes.size()) {
            throw new IllegalArgumentException("a VM needs host keys of distinct algorithms, not " + hostKeyTypes);
        }
    }

    /** {@code vmCount} VMs with ed25519 host keys, listening on port 22 where it is free. */
    public static FarmOptions vms(int vmCount) {
        return new FarmOptions(vmCount, List.of(KeyType.ED25519), 22);
    }

    public FarmOptions withHostKeyType(KeyType type) {
        return withHostKeyTypes(type);
    }

    /** Several host keys per VM (say ed25519 and RSA), as real hosts have: the client picks one in key exchange. */
    public FarmOptions withHostKeyTypes(KeyType... types) {
        return new FarmOptions(vmCount, List.of(types), preferredSshPort);
    }

    /** Another port than 22, for tests of "host:port" handling; it too falls back to a free one when taken. */
    public FarmOptions withPreferredSshPort(int port) {
        return new FarmOptions(vmCount, hostKeyTypes, port);
    }
}
