package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.deployment.AllDeployments;
import bbr.orchestration.BbrError;
import bbr.orchestration.ErrorKind;
import bbr.orchestration.Outcome;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllDeploymentsReportTest {

    private static AllDeployments.Result ok(String name) {
        return new AllDeployments.Result(name, new Outcome());
    }

    private static AllDeployments.Result failed(String name, String... messages) {
        Outcome outcome = new Outcome();
        for (String message : messages) {
            outcome.add(new BbrError(ErrorKind.LOCK, message));
        }
        return new AllDeployments.Result(name, outcome);
    }

    @Test
    void consoleLines_carryTheUtcTimeOfDay() {
        ZonedDateTime berlin = ZonedDateTime.of(2026, 11, 27, 1, 15, 7, 0, ZoneId.of("Europe/Berlin"));
        assertThat(AllDeploymentsReport.stamped(berlin, "Pending: a")).isEqualTo("[00:15:07] Pending: a");
    }

    @Test
    void pendingAndSummary_areTheOriginalsLines() {
        assertThat(AllDeploymentsReport.pending(List.of("cf", "redis", "mysql")))
                .containsExactly("Pending: cf, redis, mysql", "-------------------------");
        assertThat(AllDeploymentsReport.summary(AllDeploymentsWording.BACKUP,
                List.of(ok("cf"), failed("redis", "x"), ok("mysql"))))
                .containsExactly("-------------------------", "Successfully backed up: cf, mysql", "FAILED: redis");
        assertThat(AllDeploymentsReport.summary(AllDeploymentsWording.BACKUP_CLEANUP, List.of(ok("cf"))))
                .containsExactly("-------------------------", "Successfully cleaned up: cf");
        assertThat(AllDeploymentsReport.summary(AllDeploymentsWording.PRE_BACKUP_CHECK, List.of(failed("cf", "x"))))
                .containsExactly("-------------------------", "Successfully can be backed up: ", "FAILED: cf");
    }

    @Test
    void errors_countTheFailures_listThem_thenShowEachOnesErrorsIndented_thenTheAdvice() {
        String text = AllDeploymentsReport.errors(AllDeploymentsWording.BACKUP,
                List.of(ok("cf"), failed("redis", "Error attempting to run pre-backup-lock for job redis on redis/0:"
                        + " busy - exit code 1"), failed("mysql", "one", "two\nlines")),
                AllDeploymentsReport.ADVICE);

        assertThat(text).isEqualTo("""
                2 out of 3 deployments cannot be backed up:
                  redis
                  mysql

                Deployment 'redis':
                  1 error occurred:
                  error 1:
                  Error attempting to run pre-backup-lock for job redis on redis/0: busy - exit code 1
                Deployment 'mysql':
                  2 errors occurred:
                  error 1:
                  one
                  error 2:
                  two
                  lines

                It is recommended that you run `bbr deployment --all-deployments backup-cleanup` to ensure that any\
                 temp files are cleaned up and all jobs are unlocked.
                """);
    }

    @Test
    void cleanupErrors_sayCouldNotBeCleanedUp_andNeedNoAdvice() {
        assertThat(AllDeploymentsReport.errors(AllDeploymentsWording.BACKUP_CLEANUP, List.of(failed("cf", "x")), null))
                .startsWith("1 out of 1 deployments could not be cleaned up:\n  cf\n\n")
                .endsWith("  x\n");
    }
}
