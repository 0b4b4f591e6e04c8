package bbr.testbed.director;

/** A stemcell: its full name (GET /deployments, VM infos), its OS (manifest) and its version. */
public record Stemcell(String name, String os, String version) {

    /** What a bosh-lite Director runs: the reference's examples use it (director-api.md §6.1, §6.4). */
    public static final Stemcell UBUNTU_JAMMY =
            new Stemcell("bosh-warden-boshlite-ubuntu-jammy-go_agent", "ubuntu-jammy", "1.500");

    /** The stemcell of instances flagged Windows. */
    public static final Stemcell WINDOWS_2019 =
            new Stemcell("bosh-vsphere-esxi-windows2019-go_agent", "windows2019", "2019.80");
}
