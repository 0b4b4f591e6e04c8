package bbr.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void countsEveryStateButIdleAndIowait() {
        // user 1000, nice 20, system 300, idle 9000, iowait 77, irq 5, softirq 15, steal 10, guest 400, guest_nice 0
        assertThat(MachineCpu.busySeconds("cpu  1000 20 300 9000 77 5 15 10 400 0")).isEqualTo(13.5);
    }

    @Test
    void refusesTheLineOfOneCpu() {
        assertThatThrownBy(() -> MachineCpu.busySeconds("cpu0 1000 20 300 9000 77 5 15 10 400 0"))
                .hasMessageContaining("cpu0");
    }

    @Test
    void readsThisMachine() throws Exception {
        double before = MachineCpu.busySeconds();
        long end = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < end) {
            spin++;
        }
        assertThat(spin).isPositive();
        assertThat(MachineCpu.busySeconds() - before).as("CPU seconds of a 0.3 s busy loop").isGreaterThan(0.15);
    }
}
