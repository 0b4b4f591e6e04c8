package bbr.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.instance.Instance;
import bbr.instance.Job;
import bbr.instance.JobMetadata;
import bbr.instance.ScriptName;
import bbr.instance.VmShell;
import bbr.log.Logger;
import bbr.remote.CommandResult;
import bbr.remote.RemoteRunner;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FinishingTest {

    /** Every command run on the fake VMs and every early release, in order, as "VM: what". */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void anInstanceIsFinishedAfterItsLastTask_notBefore_andOnlyOnce() throws Exception {
        Instance db = instance("db", 0);
        Instance web = instance("web", 1);
        Job dbA = job(db, "a");
        Job dbB = job(db, "b");
        Job webC = job(web, "c");
        Deployment deployment = deployment(db, web);
        Finishing finishing = new Finishing(deployment, List.of(dbA, dbB, webC));

        finishing.after(dbA, () -> events.add("db: task a")).run();
        finishing.after(webC, () -> events.add("web: task c")).run();
        finishing.after(dbB, () -> events.add("db: task b")).run();

        assertThat(events).containsExactly("db: task a", "web: task c",
                "web: sudo rm -rf '/var/vcap/store/bbr-backup'", "web: released",
                "db: task b", "db: sudo rm -rf '/var/vcap/store/bbr-backup'", "db: released");
        assertThat(deployment.finish(db)).isEmpty();
        assertThat(deployment.removeArtifactRoots(Instance::artifactRootCreated)).isEmpty();
        assertThat(events).hasSize(7);
    }

    @Test
    void aFailingTask_stillFinishesItsInstance_andTheFailurePassesUnchanged() {
        Instance db = instance("db", 0);
        Job dbA = job(db, "a");
        Finishing finishing = new Finishing(deployment(db), List.of(dbA));
        BbrError drainFailed = new BbrError(ErrorKind.DRAIN, "Error streaming backup for job a on db/0");

        List<BbrError> errors = Parallel.serially(List.of(finishing.after(dbA, () -> {
            throw drainFailed;
        })));

        assertThat(errors).containsExactly(drainFailed);
        assertThat(events).contains("db: released");
    }

    @Test
    void instancesWithoutTasks_areFinishedByTheIdleTasks() {
        Instance db = instance("db", 0);
        Instance web = instance("web", 1);
        Finishing finishing = new Finishing(deployment(db, web), List.of(job(db, "a")));

        assertThat(Parallel.serially(finishing.idle())).isEmpty();

        assertThat(events).containsExactly("web: sudo rm -rf '/var/vcap/store/bbr-backup'", "web: released");
    }

    @Test
    void aFailedRemovalOfTheArtifactRoot_isACleanupError_andTheInstanceIsStillReleased() {
        Instance db = instance("db", 0, 1);
        Finishing finishing = new Finishing(deployment(db), List.of());

        assertThat(Parallel.serially(finishing.idle())).isEmpty();

        assertThat(finishing.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(ErrorKind.CLEANUP);
            assertThat(error.getMessage()).contains("Unable to clean up backup artifact on db/id-db");
        });
        assertThat(events).endsWith("db: released");
    }

    private Deployment deployment(Instance... instances) {
        return new Deployment("dep", List.of(instances), Logger.discarding(),
                instance -> events.add(instance.group() + ": released"));
    }

    private Instance instance(String group, int index) {
        return instance(group, index, 0);
    }

    /** An instance whose artifact root this run made, on a VM whose every command exits {@code exitStatus}. */
    private Instance instance(String group, int index, int exitStatus) {
        RemoteRunner vm = new RemoteRunner() {
            @Override
            public String address() {
                return group + ":22";
            }

            @Override
            public CommandResult run(String command, InputStream stdin, OutputStream stdout) {
                events.add(group + ": " + command);
                return new CommandResult(exitStatus, exitStatus == 0 ? "" : "rm: Read-only file system");
            }

            @Override
            public void close() {
            }
        };
        Instance instance = new Instance(group, Integer.toString(index), "id-" + group, false,
                new VmShell(vm, Logger.discarding(), null));
        instance.markArtifactRootCreated();
        return instance;
    }

    private static Job job(Instance instance, String name) {
        return new Job(instance, name, "r", Set.of(ScriptName.BACKUP),
                new JobMetadata(List.of(), List.of(), false, false, false), false);
    }
}
