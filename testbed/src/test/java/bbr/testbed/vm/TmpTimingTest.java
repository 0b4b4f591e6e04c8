package bbr.testbed.vm;
import org.junit.jupiter.api.Test;
class TmpTimingTest {
    @Test void timing() {
        for (int n : new int[] {1, 1, 5, 5, 10}) {
            long t0 = System.nanoTime();
            VmFarm farm = VmFarm.start(n);
            long t1 = System.nanoTime();
            farm.close();
            long t2 = System.nanoTime();
            System.out.println("n=" + n + " start=" + (t1 - t0) / 1_000_000 + "ms close=" + (t2 - t1) / 1_000_000 + "ms");
        }
    }
}
