package bbr.testbed.director;

import bbr.testbed.vm.Vm;
import java.time.Instant;

/**
 * One instance of an instance group, bound to a test-bed VM: the identity a Director knows it by (group, index,
 * UUID), its agent and VM ids, and the flags bbr looks at (bootstrap; Windows, which bbr detects over SSH).
 */
public record Instance(String group, int index, String id, String agentId, String vmCid, String diskCid, Vm vm,
        boolean bootstrap, boolean windows, String az, Instant vmCreatedAt) {

    /** "redis/6a3c0f0e-...", as a Director names instances. */
    public String slug() {
        return group + "/" + id;
    }

    public Stemcell stemcell() {
        return windows ? Stemcell.WINDOWS_2019 : Stemcell.UBUNTU_JAMMY;
    }
}
