package bbr.deployment_mode;

import static bbr.deployment_mode.DeploymentFixture.args;
import static bbr.deployment_mode.DeploymentFixture.bbr;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.BbrProcess;
import bbr.testbed.cli.BbrRun;
import bbr.testbed.director.Auth;
import bbr.testbed.director.Deployment;
import bbr.testbed.director.DirectorSimulator;
import bbr.testbed.director.RecordedRequest;
import bbr.testbed.director.TaskKind;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Director's tasks off the critical path: the SSH setup runs while the VM listing does, and each VM's SSH cleanup
 * starts when that VM is done; groups with no VMs break neither, and every temporary user is still removed.
 */
class DeploymentRoundTripsIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(3);

    /** Where a gated VM's sudo finds its {@code tar} first (see {@link #holdTarStreamsOf}). */
    private static final String GATE_BIN = "/var/vcap/gate-bin";
    private static final String GATE_OPEN = "/var/vcap/gate-open";
    private static final String GATE_SUDOERS = "/etc/sudoers.d/zz-gate";

    @TempDir
    Path workDir;

    @BeforeEach
    void setUp() {
        for (Vm vm : VMS.farm().vms()) {
            vm.exec("rm -rf " + GATE_BIN + " " + GATE_OPEN + " " + GATE_SUDOERS).orThrow();
        }
        DeploymentFixture.redisOnEveryVm(VMS.farm().vms(), "data");
    }

    @Test
    void sshSetup_isAskedForWhileTheVmListingRuns() {
        try (DirectorSimulator director = director(Deployment.named("redis").release("redis-test")
                .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(0), true)))) {
            // The listing ends only once a setup has been asked for: a bbr that waits for it first never gets one,
            // and its listing task times out.
            director.faults().holdNextTaskUntil(TaskKind.VMS,
                    () -> !director.requests().sshRequests("setup").isEmpty());

            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> requests = director.requests().all().stream().map(RecordedRequest::pathAndQuery).toList();
            assertThat(requests.indexOf("/deployments/redis/ssh"))
                    .as("the setup POST comes before the listing's result is fetched: %s", requests)
                    .isLessThan(indexOfListingResult(director, requests));
            assertThat(director.usersLeftOnVms()).isEmpty();
        }
    }

    @Test
    void anErrandGroupWithoutVms_breaksNothing_andIsNotSetUp() {
        try (DirectorSimulator director = director(Deployment.named("redis").release("redis-test")
                .instanceGroup("smoke-tests", g -> g.job("smoke", "redis-test").errand())
                .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(0), true)))) {
            BbrRun backup = bbr(director, workDir, "redis", "backup");
            BbrRun restore = bbr(director, workDir, "redis", "restore", "--artifact-path",
                    Artifacts.onlyArtifact(workDir).toString());

            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(director.requests().sshRequests("setup")).extracting(DeploymentRoundTripsIT::group)
                    .containsExactly("redis", "redis");
            assertThat(director.usersLeftOnVms()).isEmpty();
        }
    }

    @Test
    void aGroupSetUpBeforeTheListingShowedItEmpty_hasItsUserRemovedToo() {
        try (DirectorSimulator director = director(Deployment.named("redis").release("redis-test")
                .instanceGroup("redis", g -> g.job("redis-server", "redis-test").instance(VMS.vm(0), true))
                .instanceGroup("vanishing", g -> g.job("redis-server", "redis-test").instance(VMS.vm(1), true)))) {
            // The manifest plans the group, its VM answers the setup, and then the listing shows no VM of it (a VM
            // deleted in between, as by `bosh stop --hard`): bbr made a user there and must remove it.
            String vanished = director.deployment("redis").instance("vanishing", 0).id();
            director.faults().rewriteNextResult(TaskKind.VMS, lines -> lines.lines()
                    .filter(line -> !line.contains(vanished)).map(line -> line + "\n").collect(Collectors.joining()));

            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(director.requests().sshRequests("setup")).extracting(DeploymentRoundTripsIT::group)
                    .containsExactlyInAnyOrder("redis", "vanishing");
            assertThat(director.requests().sshRequests("cleanup")).extracting(DeploymentRoundTripsIT::ids)
                    .contains(List.of(vanished));
            assertThat(director.usersLeftOnVms()).isEmpty();
            assertThat(DeploymentFixture.events(VMS.vm(1))).as("no script ran on the VM the listing left out")
                    .isEmpty();
            assertThat(run.stdout()).doesNotContain("vanishing/");
        }
    }

    @Test
    void aVmsSshCleanup_startsWhenItsOwnDrainHasEnded_whileAnotherVmStillCopies() throws Exception {
        Vm quick = VMS.vm(0);
        Vm held = VMS.vm(1);
        try (DirectorSimulator director = director(Deployment.named("redis").release("redis-test")
                .instanceGroup("redis", g -> g.job("redis-server", "redis-test")
                        .instance(quick, true).instance(held, false)))) {
            String quickId = director.deployment("redis").instance("redis", 0).id();
            String heldId = director.deployment("redis").instance("redis", 1).id();
            holdTarStreamsOf(held);
            try (BbrProcess bbr = BbrProcess.start(workDir, Map.of(), args(director, "redis", "backup"))) {
                boolean cleanedWhileHeld = awaitCleanupOf(director, quickId, Duration.ofSeconds(60));
                held.writeFile(GATE_OPEN, "", 0644);
                BbrRun run = bbr.await(Duration.ofMinutes(2));

                assertThat(run.exitCode()).as(run.toString()).isZero();
                assertThat(cleanedWhileHeld).as("the cleanup of %s was asked for while %s still copied:\n%s",
                        quickId, heldId, director.requests()).isTrue();
                assertThat(director.requests().sshRequests("cleanup")).extracting(DeploymentRoundTripsIT::ids)
                        .containsExactly(List.of(quickId), List.of(heldId));
                assertThat(director.usersLeftOnVms()).isEmpty();
                assertThat(Files.readString(Artifacts.onlyArtifact(workDir).resolve("metadata")))
                        .doesNotContain("incomplete");
            }
        }
    }

    @Test
    void aCleanupTaskFailing_afterAnEarlyStart_isStillExit16_andTheOtherUserIsRemoved() {
        try (DirectorSimulator director = director(Deployment.named("redis").release("redis-test")
                .instanceGroup("redis", g -> g.job("redis-server", "redis-test")
                        .instance(VMS.vm(0), true).instance(VMS.vm(1), false)))) {
            director.faults().failNextTask(TaskKind.SSH_CLEANUP, "agent on the VM did not answer");

            BbrRun run = bbr(director, workDir, "redis", "backup");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(16);
            assertThat(run.stderr()).contains("Deployment 'redis' failed while cleaning up with error: Cleaning up"
                    + " SSH in deployment 'redis': Expected task").contains("agent on the VM did not answer")
                    .contains("It is recommended that you run `bbr backup-cleanup`");
            assertThat(run.stdout()).contains("Backup created of redis");
            assertThat(director.usersLeftOnVms()).as("only the VM whose cleanup failed keeps the user").hasSize(1);
        }
    }

    private static DirectorSimulator director(Deployment.Builder deployment) {
        return DirectorSimulator.builder().auth(Auth.basic(DeploymentFixture.USER, DeploymentFixture.SECRET))
                .taskTimeout(Duration.ofSeconds(30))
                .deployment(deployment)
                .start();
    }

    /**
     * Makes the VM's {@code sudo tar … -c} (the drain's stream) wait until {@link #GATE_OPEN} exists: sudo finds a
     * waiting {@code tar} first on its secure_path, set in the VM's own /etc.
     */
    private static void holdTarStreamsOf(Vm vm) {
        vm.writeFile(GATE_BIN + "/tar", """
                #!/bin/sh
                case " $* " in
                  *" -c "*) while [ ! -e %s ]; do sleep 0.05; done ;;
                esac
                exec /usr/bin/tar "$@"
                """.formatted(GATE_OPEN), 0755);
        vm.writeFile(GATE_SUDOERS, "Defaults secure_path=\"" + GATE_BIN
                + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n", 0440);
    }

    /** Whether a cleanup naming {@code instanceId} reached the Director within {@code timeout}. */
    private static boolean awaitCleanupOf(DirectorSimulator director, String instanceId, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (director.requests().sshRequests("cleanup").stream().anyMatch(r -> ids(r).contains(instanceId))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static int indexOfListingResult(DirectorSimulator director, List<String> requests) {
        long listing = director.taskSpans().stream().filter(task -> task.kind() == TaskKind.VMS).findFirst()
                .orElseThrow().id();
        int index = requests.indexOf("/tasks/" + listing + "/output?type=result");
        assertThat(index).as("the listing's result was fetched: %s", requests).isNotNegative();
        return index;
    }

    private static String group(Map<String, Object> sshRequest) {
        return String.valueOf(((Map<?, ?>) sshRequest.get("target")).get("job"));
    }

    private static List<?> ids(Map<String, Object> sshRequest) {
        return (List<?>) ((Map<?, ?>) sshRequest.get("target")).get("ids");
    }
}
