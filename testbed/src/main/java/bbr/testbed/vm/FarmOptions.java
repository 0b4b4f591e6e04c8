package bbr.testbed.vm;

/** How many VMs a {@link VmFarm} starts, and how their sshd is set up. */
public record FarmOptions(int vmCount, KeyType hostKeyType, int preferredSshPort) {

    public FarmOptions {
        if (vmCount < 1 || vmCount > 200) {
            throw new IllegalArgumentException("a farm has 1 to 200 VMs, not " + vmCount);
        }
        if (preferredSshPort < 1 || preferredSshPort > 65535) {
            throw new IllegalArgumentException("not a port: " + preferredSshPort);
        }
    }

    /** {@code vmCount} VMs with ed25519 host keys, listening on port 22 where it is free. */
    public static FarmOptions vms(int vmCount) {
        return new FarmOptions(vmCount, KeyType.ED25519, 22);
    }

    public FarmOptions withHostKeyType(KeyType type) {
        return new FarmOptions(vmCount, type, preferredSshPort);
    }

    /** Another port than 22, for tests of "host:port" handling; it too falls back to a free one when taken. */
    public FarmOptions withPreferredSshPort(int port) {
        return new FarmOptions(vmCount, hostKeyType, port);
    }
}
