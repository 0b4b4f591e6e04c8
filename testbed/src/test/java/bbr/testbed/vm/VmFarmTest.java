package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The VMs of a shared farm, driven by the real OpenSSH client, as bbr will drive them. */
class VmFarmTest {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(3);

    @Test
    void start_givesEachVmItsOwnLoopbackAddress_withSshdListening() throws IOException {
        List<String> hosts = VMS.farm().vms().stream().map(Vm::host).collect(Collectors.toList());

        assertThat(hosts).doesNotHaveDuplicates().allMatch(host -> host.matches("127\\.0\\.0\\.\\d+"));
        for (Vm vm : VMS.farm().vms()) {
            assertThat(vm.hostAndPort()).isEqualTo(vm.host() + ":" + vm.port());
            assertThat(banner(vm)).startsWith("SSH-2.0-OpenSSH");
        }
    }

    @Test
    void ssh_logsInAsVcapWithTheGeneratedKey_andSudoMakesRoot() {
        Vm vm = VMS.vm(1);

        ExecResult result = OpenSshClient.run(vm, "hostname; whoami; sudo -n whoami");

        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).isEqualTo("vm-1\nvcap\nroot\n");
    }

    @Test
    void hostPublicKey_isTheKeyThatSshKeyscanSees() {
        Vm vm = VMS.vm(0);

        ExecResult scan = HostCommand.run(List.of("ssh-keyscan", "-p", Integer.toString(vm.port()), "-t", "ed25519",
                vm.host()), Duration.ofSeconds(20)).orThrow();

        assertThat(vm.hostPublicKey()).startsWith("ssh-ed25519 AAAA");
        assertThat(scan.stdout().strip()).isEqualTo(vm.knownHostsLine());
        assertThat(VMS.vm(1).hostPublicKey()).isNotEqualTo(vm.hostPublicKey());
    }

    @Test
    void addUser_createsALoginWithSudo_onThatVmOnly(@TempDir Path tmp) {
        KeyPairFiles key = TestKeys.generate(tmp, KeyType.ED25519, KeyFormat.OPENSSH);
        Vm vm1 = VMS.vm(1);
        Vm vm2 = VMS.vm(2);

        vm1.addUser("bosh_iso1", key.publicKeyLine());
        try {
            assertThat(OpenSshClient.run(vm1, "bosh_iso1", key.privateKey(), "whoami; sudo -n whoami").stdout())
                    .isEqualTo("bosh_iso1\nroot\n");
            assertThat(vm1.users()).contains("vcap", "bosh_iso1");
            assertThat(vm1.exists("/home/bosh_iso1/.ssh/authorized_keys")).isTrue();
            assertThat(vm2.users()).contains("vcap").doesNotContain("bosh_iso1");
            assertThat(vm2.exec("id bosh_iso1").exitCode()).isNotZero();
            assertThat(HostCommand.run(List.of("getent", "passwd", "bosh_iso1"), Duration.ofSeconds(5)).exitCode())
                    .isNotZero();
            assertThat(OpenSshClient.run(vm2, "bosh_iso1", key.privateKey(), "true").exitCode()).isEqualTo(255);
        } finally {
            vm1.removeUser("bosh_iso1");
        }
        assertThat(vm1.users()).doesNotContain("bosh_iso1");
        assertThat(vm1.exists("/home/bosh_iso1")).isFalse();
        assertThat(vm1.exists("/etc/sudoers.d/bosh_iso1")).isFalse();
        assertThat(OpenSshClient.run(vm1, "bosh_iso1", key.privateKey(), "true").exitCode()).isEqualTo(255);
    }

    @ParameterizedTest
    @CsvSource({"ED25519, OPENSSH", "ECDSA_256, PEM", "ECDSA_521, OPENSSH", "RSA, PEM", "RSA, PKCS8"})
    void addUser_acceptsKeysOfEveryTypeAndFormat(KeyType type, KeyFormat format, @TempDir Path tmp) {
        Vm vm = VMS.vm(0);
        KeyPairFiles key = TestKeys.generate(tmp, type, format);

        vm.addUser("bosh_keys", key.publicKeyLine());
        try {
            assertThat(OpenSshClient.run(vm, "bosh_keys", key.privateKey(), "sudo -n whoami").stdout())
                    .isEqualTo("root\n");
        } finally {
            vm.removeUser("bosh_keys");
        }
    }

    @Test
    void etc_isTheVmsOwn_andReachableFromTheHost() {
        Vm vm = VMS.vm(0);

        vm.writeFile("/etc/testbed-marker", "vm-0 only\n", 0644);

        assertThat(vm.readString("/etc/hostname")).isEqualTo("vm-0\n");
        assertThat(vm.exec("cat /etc/testbed-marker").stdout()).isEqualTo("vm-0 only\n");
        assertThat(VMS.vm(1).exists("/etc/testbed-marker")).isFalse();
        assertThat(Path.of("/etc/testbed-marker")).doesNotExist();
        assertThat(vm.readString("/etc/passwd")).contains("\nvcap:x:");
        assertThat(vm.exists("/etc/ssh/ssh_host_rsa_key")).as("the host's own host keys are not copied").isFalse();
    }

    @Test
    void theOperatorUserAndTheVcapDirectories_existOnlyInsideTheVms() throws IOException {
        // About the VMs, not the host: the host may have a /var/vcap or a vcap user of its own (another tool, a
        // real BOSH agent); what a VM writes there must still be that VM's alone.
        String marker = "/var/vcap/store/testbed-marker-" + ProcessHandle.current().pid();
        Vm vm0 = VMS.vm(0);
        vm0.writeFile(marker, "vm-0 only\n", 0644);
        try {
            assertThat(Path.of(marker)).doesNotExist();
            assertThat(VMS.vm(1).exists(marker)).isFalse();
            assertThat(vm0.exec("stat -c %U " + marker).stdout()).isEqualTo("root\n");
        } finally {
            vm0.exec("rm -f " + marker);
        }
        for (Vm vm : VMS.farm().vms()) {
            assertThat(vm.exec("id -un vcap && test -d /var/vcap/store && test -d /var/vcap/jobs").stdout())
                    .isEqualTo("vcap\n");
            assertThat(vm.readString("/etc/passwd")).isNotEqualTo(Files.readString(Path.of("/etc/passwd")));
        }
        assertThat(HostMounts.under(VMS.farm().runDirectory())).isEmpty();
        // the VMs' own mounts (their /var/vcap, /etc) stay inside them; other test JVMs' farms may have host mounts
        assertThat(HostMounts.under(Path.of("/var/vcap"))).isEmpty();
    }

    @Test
    void jobScripts_areRootOwnedExecutables_thatVcapRunsWithSudo() {
        Vm vm = VMS.vm(0);
        vm.writeJobScript("redis", "backup",
                "#!/bin/bash\necho \"backing up as $(whoami) to $BBR_ARTIFACT_DIRECTORY\"\n");

        ExecResult stat = vm.exec("stat -c '%U %a' /var/vcap/jobs/redis/bin/bbr/backup").orThrow();
        ExecResult run = OpenSshClient.run(vm, "sudo -n env BBR_ARTIFACT_DIRECTORY=/var/vcap/store/bbr-backup/redis/ "
                + "/var/vcap/jobs/redis/bin/bbr/backup");

        assertThat(stat.stdout()).isEqualTo("root 755\n");
        assertThat(run.stdout()).isEqualTo("backing up as root to /var/vcap/store/bbr-backup/redis/\n");
        assertThat(VMS.vm(1).exists("/var/vcap/jobs/redis/bin/bbr/backup")).isFalse();
    }

    @Test
    void filesWrittenOnEitherSide_areTheSameFiles() throws IOException {
        Vm vm = VMS.vm(2);
        byte[] dump = new byte[1 << 20];
        new java.util.Random(7).nextBytes(dump);

        vm.writeFile("/var/vcap/store/redis/dump.rdb", dump, 0640);
        vm.exec("echo made-inside > /var/vcap/store/redis/inside.txt && chown vcap: /var/vcap/store/redis/inside.txt")
                .orThrow();

        assertThat(vm.exec("sha256sum < /var/vcap/store/redis/dump.rdb | cut -d' ' -f1; stat -c %a "
                + "/var/vcap/store/redis/dump.rdb").stdout())
                .isEqualTo(sha256(dump) + "\n640\n");
        assertThat(vm.readString("/var/vcap/store/redis/inside.txt")).isEqualTo("made-inside\n");
        assertThat(Files.readString(vm.hostPath("/var/vcap/store/redis/inside.txt"))).isEqualTo("made-inside\n");
        vm.chown("/var/vcap/store/redis/dump.rdb", "vcap");
        assertThat(vm.exec("stat -c %U /var/vcap/store/redis/dump.rdb").stdout()).isEqualTo("vcap\n");
    }

    @Test
    void sshLogins_countEachConnection_withItsUserAndSourceAddress() {
        Vm vm = VMS.vm(0);
        int before = vm.sshConnectionCount();

        OpenSshClient.run(vm, "true").orThrow();
        OpenSshClient.run(vm, "true").orThrow();

        List<SshLogin> logins = vm.sshLogins();
        assertThat(logins).hasSize(before + 2);
        assertThat(logins.get(logins.size() - 1)).satisfies(login -> {
            assertThat(login.user()).isEqualTo("vcap");
            assertThat(login.method()).isEqualTo("publickey");
            assertThat(login.sourceAddress()).startsWith("127.");
            assertThat(login.sourcePort()).isPositive();
        });
    }

    @Test
    void killSshSessions_dropsALiveConnection_whileSshdKeepsAccepting() throws Exception {
        Vm vm = VMS.vm(1);
        int before = vm.sshConnectionCount();
        Process session = OpenSshClient.start(vm, "sleep 30");
        awaitTrue(() -> vm.sshConnectionCount() > before && vm.exec("pgrep -x sleep").succeeded());

        long killedAt = System.nanoTime();
        vm.killSshSessions();

        assertThat(session.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(session.exitValue()).isEqualTo(255);
        assertThat(vm.exec("pgrep -x sleep").exitCode()).isEqualTo(1);
        assertThat(OpenSshClient.run(vm, "echo still here").stdout()).isEqualTo("still here\n");
    }

    @Test
    void stopSshd_makesTheVmUnreachable_untilStartSshd() throws Exception {
        Vm vm = VMS.vm(2);
        Process session = OpenSshClient.start(vm, "sleep 30");
        awaitTrue(() -> vm.exec("pgrep -x sleep").succeeded());

        vm.stopSshd();
        try {
            assertThat(vm.isSshdRunning()).isFalse();
            assertThat(session.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(OpenSshClient.run(vm, "true").exitCode()).isEqualTo(255);
            assertThat(vm.exec("pgrep -x sleep").exitCode()).isEqualTo(1);
        } finally {
            vm.startSshd();
        }
        assertThat(vm.isSshdRunning()).isTrue();
        assertThat(OpenSshClient.run(vm, "sudo -n whoami").stdout()).isEqualTo("root\n");
    }

    @Test
    void exec_runsAsRootInsideTheVm_withItsOwnProcessesAndHostname() {
        Vm vm = VMS.vm(0);

        ExecResult result = vm.exec("whoami; hostname; ps -e -o comm= | sort -u | tr '\\n' ' '; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).startsWith("root\nvm-0\n");
        // Only the VM's own processes: its init (perl), sshd and this command, nothing of the host.
        assertThat(result.stdout()).contains("perl", "sshd").doesNotContain("java");
    }

    @Test
    void exec_killsACommandThatRunsOutOfTime_andDoesNotWaitForBackgroundProcesses() {
        Vm vm = VMS.vm(0);
        long started = System.nanoTime();

        ExecResult timedOut = vm.exec("sleep 30; echo never", Duration.ofSeconds(1));
        ExecResult backgrounded = vm.exec("sleep 20 & echo started");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(timedOut.exitCode()).isEqualTo(124);
        assertThat(timedOut.stdout()).isEmpty();
        assertThat(backgrounded.stdout()).isEqualTo("started\n");
        assertThat(vm.exec("pkill -x sleep").exitCode()).as("the background sleep still ran").isZero();
    }

    private static String banner(Vm vm) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(vm.host(), vm.port()), 2000);
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64];
            int read = in.read(buffer);
            return new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
        }
    }

    static String sha256(byte[] content) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
