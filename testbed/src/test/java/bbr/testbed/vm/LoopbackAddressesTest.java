package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackAddressesTest {

    @TempDir
    Path locks;

    @Test
    void reserve_neverHandsOutAnAddressTwiceWhileHeld() {
        LoopbackAddresses addresses = new LoopbackAddresses(locks);
        // A second instance on the same lock directory stands for a farm in another JVM.
        LoopbackAddresses elsewhere = new LoopbackAddresses(locks);

        try (LoopbackEndpoint first = addresses.reserve(22);
                LoopbackEndpoint second = elsewhere.reserve(22)) {
            assertThat(first.address()).matches("127\\.0\\.0\\.\\d+");
            assertThat(second.address()).isNotEqualTo(first.address());
            String released = first.address();
            first.close();
            try (LoopbackEndpoint third = elsewhere.reserve(22)) {
                assertThat(third.address()).isEqualTo(released);
            }
        }
    }

    /**
     * The locks are POSIX record locks, which belong to the process: a second farm in this JVM that opened and closed
     * the first one's lock file while looking for an address would drop the first one's lock (the kernel's
     * /proc/locks shows it), and a farm in the other test JVM could then take that address.
     */
    @Test
    void reserve_byASecondFarmInThisJvm_leavesTheFirstFarmsLockHeld() throws Exception {
        try (LoopbackEndpoint first = new LoopbackAddresses(locks).reserve(22)) {
            Object inode = Files.getAttribute(locks.resolve(first.address() + ".lock"), "unix:ino");
            assertThat(heldByThisProcess(inode)).as("lock of " + first.address()).isTrue();

            try (LoopbackEndpoint second = new LoopbackAddresses(locks).reserve(22)) {
                assertThat(second.address()).isNotEqualTo(first.address());
                assertThat(heldByThisProcess(inode)).as("lock of " + first.address() + " after a second farm")
                        .isTrue();
            }
        }
    }

    /** Whether /proc/locks lists a POSIX lock of this process on the file with that inode. */
    private static boolean heldByThisProcess(Object inode) throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        return Files.readAllLines(Path.of("/proc/locks")).stream().map(line -> line.trim().split("\\s+"))
                .anyMatch(f -> f.length > 5 && f[1].equals("POSIX") && f[4].equals(pid)
                        && f[5].endsWith(":" + inode));
    }

    @Test
    void reserve_fallsBackToAFreePort_whenThePreferredOneIsTakenOnEveryAddress() throws Exception {
        try (ServerSocket wildcard = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress("0.0.0.0", 0));
            int taken = wildcard.getLocalPort();

            try (LoopbackEndpoint endpoint = new LoopbackAddresses(locks).reserve(taken)) {
                assertThat(endpoint.port()).isNotEqualTo(taken).isPositive();
                try (ServerSocket bindable = new ServerSocket()) {
                    bindable.bind(new InetSocketAddress(endpoint.address(), endpoint.port()));
                }
            }
        }
    }
}
