package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class VmFilesTest {

    private final VmFiles files = new VmFiles(Path.of("/tb/vm-0"), path -> Path.of("/proc/42/root" + path));

    @Test
    void hostPath_mapsBindMountedDirectoriesToTheVmDirectory() {
        assertThat(files.hostPath("/var/vcap/store/redis/dump.rdb"))
                .isEqualTo(Path.of("/tb/vm-0/vcap/store/redis/dump.rdb"));
        assertThat(files.hostPath("/var/vcap")).isEqualTo(Path.of("/tb/vm-0/vcap"));
        assertThat(files.hostPath("/home/vcap/.ssh")).isEqualTo(Path.of("/tb/vm-0/home/vcap/.ssh"));
        assertThat(files.hostPath("/tmp/x")).isEqualTo(Path.of("/tb/vm-0/tmp/x"));
    }

    @Test
    void hostPath_reachesTheVmsTmpfsDirectoriesThroughItsInit() {
        assertThat(files.hostPath("/etc/passwd")).isEqualTo(Path.of("/proc/42/root/etc/passwd"));
        assertThat(files.hostPath("/var/log/wtmp")).isEqualTo(Path.of("/proc/42/root/var/log/wtmp"));
        assertThat(files.hostPath("/run/sshd")).isEqualTo(Path.of("/proc/42/root/run/sshd"));
    }

    @Test
    void hostPath_refusesPathsThatAreTheHostsOwn_orNotPlain() {
        assertThatThrownBy(() -> files.hostPath("/usr/bin/sudo")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.hostPath("/variable")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.hostPath("var/vcap/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> files.hostPath("/var/vcap/../../usr/bin"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void permissions_convertOctalModes() {
        assertThat(PosixFilePermissions.toString(VmFiles.permissions(0755))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(VmFiles.permissions(0640))).isEqualTo("rw-r-----");
        assertThatThrownBy(() -> VmFiles.permissions(04755)).isInstanceOf(IllegalArgumentException.class);
    }
}
