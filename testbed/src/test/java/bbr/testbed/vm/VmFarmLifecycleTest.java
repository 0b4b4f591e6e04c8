package bbr.testbed.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Starting, tearing down and cleaning up after farms: nothing may outlive a test run. */
class VmFarmLifecycleTest {

    private static final Path ROOT = Path.of(System.getProperty(VmFarm.ROOT_PROPERTY, "/tmp/bbr-testbed"));

    @Test
    void start_bootsFiveVmsInParallel() {
        try (VmFarm farm = VmFarm.start(5)) {
            assertThat(farm.vms()).hasSize(5).allMatch(Vm::isSshdRunning);
            // In parallel, every VM's init is running before any VM got as far as its sshd; one after another, the
            // second init would start only after the first sshd. Process start times, not a wall-clock bound: a busy
            // machine slows both orders alike.
            Instant lastInitStarted = farm.vms().stream().map(vm -> startOf(vm.init()))
                    .max(Comparator.naturalOrder()).orElseThrow();
            Instant firstSshdStarted = farm.vms().stream().map(vm -> startOf(vm.sshdListener().orElseThrow()))
                    .min(Comparator.naturalOrder()).orElseThrow();
            assertThat(lastInitStarted).isBeforeOrEqualTo(firstSshdStarted);
        }
    }

    private static Instant startOf(ProcessHandle process) {
        return process.info().startInstant().orElseThrow();
    }

    @Test
    void close_leavesNoProcessNamespaceMountOrDirectory() throws Exception {
        VmFarm farm = VmFarm.start(2);
        List<ProcessHandle> processes = new ArrayList<>();
        Set<String> mountNamespaces = new java.util.HashSet<>();
        for (Vm vm : farm.vms()) {
            processes.add(vm.init());
            processes.add(vm.sshdListener().orElseThrow());
            mountNamespaces.add(Files.readSymbolicLink(Path.of("/proc", Long.toString(vm.init().pid()), "ns/mnt"))
                    .toString());
        }
        Process session = OpenSshClient.start(farm.vm(0), "sleep 30");
        VmFarmTest.awaitTrue(() -> farm.vm(0).exec("pgrep -x sleep").succeeded());
        Path runDir = farm.runDirectory();

        farm.close();

        assertThat(session.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(processesIn(mountNamespaces)).isEmpty();
        assertThat(runDir).doesNotExist();
        // This farm's own directory: other test beds on the machine (an S3 server's blobs) may mount under ROOT.
        assertThat(HostMounts.under(runDir)).isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(runDir.toString());
        farm.close(); // a second close is harmless
    }

    @Test
    void abandonedRun_isReapedByTheNextFarmStart() throws Exception {
        VmFarm abandoned = VmFarm.start(1);
        ProcessHandle init = abandoned.vm(0).init();
        // As if the JVM that started it had died: a pid that cannot exist.
        Files.writeString(abandoned.runDirectory().resolve("owner"), "999999999 0\n");

        try (VmFarm next = VmFarm.start(1)) {
            assertThat(init.onExit().get(5, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(abandoned.runDirectory()).doesNotExist();
            assertThat(next.vm(0).isSshdRunning()).isTrue();
        } finally {
            abandoned.close();
        }
    }

    @Test
    void killedJvm_takesItsVmsAlong_andItsDirectoryIsReapedLater() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-D" + VmFarm.ROOT_PROPERTY + "=" + ROOT, FarmHolder.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String[] report;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            report = out.readLine().split(" ");
        } finally {
            holder.destroyForcibly(); // SIGKILL: no shutdown hook runs
        }
        ProcessHandle init = ProcessHandle.of(Long.parseLong(report[0])).orElseThrow();
        ProcessHandle sshd = ProcessHandle.of(Long.parseLong(report[1])).orElseThrow();
        Path runDir = Path.of(report[2]);
        holder.waitFor(5, TimeUnit.SECONDS);

        // The init's stdin was a pipe from the dead JVM: it saw EOF and took its namespace down.
        init.onExit().get(5, TimeUnit.SECONDS);
        sshd.onExit().get(5, TimeUnit.SECONDS);
        assertThat(runDir).exists();
        VmFarm.start(1).close();
        assertThat(runDir).doesNotExist();
    }

    @Test
    void preferredPort_isUsedWhenFree_andReplacedWhenTakenOnEveryAddress() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        try (ServerSocket wildcard = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress("0.0.0.0", 0)); // holds its port on every loopback address
            int takenPort = wildcard.getLocalPort();

            FarmOptions rsaOnFreePort = FarmOptions.vms(2).withPreferredSshPort(freePort).withHostKeyType(KeyType.RSA);
            try (VmFarm farm = VmFarm.start(rsaOnFreePort);
                    VmFarm fallback = VmFarm.start(FarmOptions.vms(1).withPreferredSshPort(takenPort))) {
                assertThat(farm.vm(0).port()).isEqualTo(freePort);
                assertThat(farm.vm(1).port()).isEqualTo(freePort);
                assertThat(farm.vm(0).knownHostsLine())
                        .startsWith("[" + farm.vm(0).host() + "]:" + freePort + " ssh-rsa ");
                assertThat(fallback.vm(0).port()).isNotEqualTo(takenPort);
                assertThat(OpenSshClient.run(fallback.vm(0), "sudo -n whoami").stdout()).isEqualTo("root\n");
                ExecResult scan = HostCommand.run(List.of("ssh-keyscan", "-t", "rsa", "-p", Integer.toString(freePort),
                        farm.vm(1).host()), Duration.ofSeconds(20)).orThrow();
                assertThat(scan.stdout().strip()).isEqualTo(farm.vm(1).knownHostsLine());
            }
        }
    }

    /** Every process whose mount namespace is one of {@code namespaces} ("mnt:[4026532285]"). */
    private static List<Long> processesIn(Set<String> namespaces) throws IOException {
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            return namespaces.contains(Files.readSymbolicLink(p.resolve("ns/mnt")).toString());
                        } catch (IOException e) {
                            return false; // exited meanwhile
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .collect(Collectors.toList());
        }
    }
}
