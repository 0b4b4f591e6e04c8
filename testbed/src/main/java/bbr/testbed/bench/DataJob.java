package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.time.Duration;

/**
 * The transfer cases' job "data" and its files in {@value #DIRECTORY}, which both bbr and the floor read. The
 * backup script hard-links the files into the artifact directory: it costs O(files), so what is measured is the
 * transfer, as it is for the floor.
 */
final class DataJob {

    static final String NAME = "data";
    static final String DIRECTORY = "/var/vcap/store/data";

    /** /dev/urandom gives a few hundred MB/s: 4 GiB takes a while on a busy machine. */
    private static final Duration WRITING = Duration.ofMinutes(30);

    private DataJob() {
    }

    static void install(Vm vm) {
        vm.writeJobScript(NAME, "backup", "#!/bin/bash\nset -e\ncp -al " + DIRECTORY + "/. \"$BBR_ARTIFACT_DIRECTORY\"\n");
        vm.writeJobScript(NAME, "restore", "#!/bin/bash\ntrue\n");
        vm.createDirectories(DIRECTORY);
    }

    /** Appends {@code bytes} random bytes to the one file "blob". */
    static void addToOneFile(Vm vm, long bytes) {
        vm.exec("head -c " + bytes + " /dev/urandom >> " + DIRECTORY + "/blob", WRITING).orThrow();
    }

    /** {@code bytes} random bytes split into {@code count} files (the last one may be shorter). */
    static void spreadOver(Vm vm, long bytes, int count) {
        long each = (bytes + count - 1) / count;
        vm.exec("cd " + DIRECTORY + " && head -c " + bytes + " /dev/urandom | split -a 4 -d -b " + each + " - file-",
                WRITING).orThrow();
    }
}
