package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
