package bbr.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bbr.instance.Instance;
import bbr.instance.Job;
import bbr.instance.JobMetadata;
import bbr.instance.LockBefore;
import bbr.instance.ScriptName;
import bbr.log.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockOrdererTest {

    private final Instance db = new Instance("db", "0", "id-db", true, null);
    private final Instance api = new Instance("api", "0", "id-api", true, null);

    @Test
    void ordersInKahnBatches_matchingJobNameAndRelease() throws Exception {
        Job web = job(api, "web", "cf", new LockBefore("worker", "cf"));
        Job worker = job(api, "worker", "cf", new LockBefore("mysql", "db-release"));
        Job mysql = job(db, "mysql", "db-release");
        Job other = job(db, "mysql-other-release", "x");
        List<String> logged = new ArrayList<>();
        List<List<Job>> batches = LockOrderer.order(List.of(mysql, worker, web, other), LockOrderer.Phase.BACKUP,
                (level, message) -> logged.add(message));
        assertThat(batches).containsExactly(List.of(web, other), List.of(worker), List.of(mysql));
        assertThat(logged).contains("Detected order: web should be locked before cf/worker during backup");
    }

    @Test
    void aDependencyOnAJobFromAnotherReleaseIsIgnored() throws Exception {
        Job web = job(api, "web", "cf", new LockBefore("mysql", "other-release"));
        Job mysql = job(db, "mysql", "db-release");
        assertThat(LockOrderer.order(List.of(web, mysql), LockOrderer.Phase.BACKUP, Logger.discarding()))
                .containsExactly(List.of(web, mysql));
    }

    @Test
    void everyInstanceOfATargetJobComesAfter() throws Exception {
        Instance db1 = new Instance("db", "1", "id-db1", false, null);
        Job web = job(api, "web", "cf", new LockBefore("mysql", "db"));
        Job mysql0 = job(db, "mysql", "db");
        Job mysql1 = job(db1, "mysql", "db");
        assertThat(LockOrderer.order(List.of(mysql0, mysql1, web), LockOrderer.Phase.BACKUP, Logger.discarding()))
                .containsExactly(List.of(web), List.of(mysql0, mysql1));
    }

    @Test
    void restorePhaseUsesTheRestoreKey() throws Exception {
        Job a = new Job(api, "a", "r", Set.of(ScriptName.RESTORE),
                new JobMetadata(List.of(), List.of(new LockBefore("b", "r")), false, false, false), false);
        Job b = job(db, "b", "r");
        assertThat(LockOrderer.order(List.of(b, a), LockOrderer.Phase.RESTORE, Logger.discarding()))
                .containsExactly(List.of(a), List.of(b));
        assertThat(LockOrderer.order(List.of(b, a), LockOrderer.Phase.BACKUP, Logger.discarding()))
                .containsExactly(List.of(b, a));
    }

    @Test
    void aCycleIsAnError() {
        Job a = job(api, "a", "r", new LockBefore("b", "r"));
        Job b = job(db, "b", "r", new LockBefore("a", "r"));
        assertThatThrownBy(() -> LockOrderer.order(List.of(a, b), LockOrderer.Phase.BACKUP, Logger.discarding()))
                .hasMessage("job locking dependency graph is cyclic");
    }

    private static Job job(Instance instance, String name, String release, LockBefore... before) {
        return new Job(instance, name, release, Set.of(ScriptName.PRE_BACKUP_LOCK),
                new JobMetadata(List.of(before), List.of(), false, false, false), false);
    }
}
