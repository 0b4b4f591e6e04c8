package bbr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI surface in-process: version, help, and the original's flag validation messages and exit codes. */
class MainTest {

    @TempDir
    Path workDir;

    record Run(int code, String out, String err) {
    }

    private Run bbr(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workDir, false, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void version_isAPlainNumericSemverOfAtLeast1_4() {
        for (String[] args : new String[][] {{"version"}, {"v"}, {"--version"}, {"-v"}}) {
            Run run = bbr(args);
            assertThat(run.code()).isZero();
            assertThat(run.out()).matches("bbr version (\\d+)\\.(\\d+)\\.(\\d+)\\n");
        }
        String[] parts = bbr("version").out().strip().substring("bbr version ".length()).split("\\.");
        assertThat(Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(1004);
    }

    @Test
    void help_listsBothModes() {
        Run run = bbr("help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("deployment", "director", "Backup BOSH deployments");
        assertThat(bbr().out()).contains("deployment", "director");
    }

    @Test
    void directorFlags_areRequiredInTheOriginalsOrder() {
        Run run = bbr("director", "backup");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("\u001b[0;31m--host flag is required.\u001b[0m\n");
        assertThat(run.out()).contains("--private-key-path", "--username");
        assertThat(bbr("director", "--host", "h", "backup").err()).contains("--username flag is required.");
        assertThat(bbr("director", "--host", "h", "-u", "u", "b").err())
                .contains("--private-key-path flag is required.");
    }

    @Test
    void deploymentFlags_areRequiredInTheOriginalsOrder() {
        assertThat(bbr("deployment", "backup").err()).contains("--target flag is required.");
        assertThat(bbr("deployment", "-t", "x", "backup").err()).contains("--username flag is required.");
        assertThat(bbr("deployment", "-t", "x", "-u", "u", "backup").err()).contains("--password flag is required.");
        Run neither = bbr("deployment", "-t", "x", "-u", "u", "-p", "p", "backup");
        assertThat(neither.code()).isEqualTo(1);
        assertThat(neither.err()).contains("provide one of '--deployment' or '--all-deployments' flags.");
        assertThat(bbr("deployment", "-t", "x", "-u", "u", "-p", "p", "-d", "d", "--all-deployments", "backup")
                .err()).contains("provide one of '--deployment' or '--all-deployments' flags.");
    }

    @Test
    void caCert_isRequired_andAMissingFileIsNamed() {
        Run none = bbr("deployment", "-t", "x", "-u", "u", "-p", "p", "-d", "d", "backup");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("Expected CA cert to be non-empty");
        Run missing = bbr("deployment", "-t", "x", "-u", "u", "-p", "p", "-d", "d", "--ca-cert", "/nope/ca.pem",
                "backup");
        assertThat(missing.err()).contains("open /nope/ca.pem: no such file or directory");
        Run garbage = bbr("deployment", "-t", "x", "-u", "u", "-p", "p", "-d", "d", "--ca-cert",
                "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", "backup");
        assertThat(garbage.code()).isEqualTo(1);
        assertThat(garbage.err()).contains("Parsing certificate 1");
    }

    @Test
    void restore_needsAnArtifactPath() {
        Run run = bbr("director", "--host", "h", "-u", "u", "--key", "k", "restore");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("--artifact-path flag is required.");
    }

    @Test
    void unknownFlag_isIncorrectUsage_namedAsGoNamesIt() {
        Run mode = bbr("director", "--nope", "backup");
        assertThat(mode.code()).isEqualTo(1);
        assertThat(mode.out()).startsWith("Incorrect Usage. flag provided but not defined: -nope\n\nNAME:\n"
                + "   bbr director - Backup BOSH director\n");
        Run command = bbr("director", "--host", "h", "-u", "u", "--key", "k", "backup", "--nope=1");
        assertThat(command.code()).isEqualTo(1);
        assertThat(command.out()).startsWith("Incorrect Usage: flag provided but not defined: -nope\n\nNAME:\n"
                + "   bbr director backup - Backup a BOSH Director\n");
    }

    @Test
    void aCommandsUnknownFlag_comesAfterItsModesMissingFlag_asInTheOriginal() {
        Run run = bbr("director", "backup", "--nope");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("--host flag is required.");
    }

    @Test
    void aFlagsValue_isTheNextWord_evenASubcommandNameAnAliasOrAFlag() {
        for (String secret : new String[] {"backup", "b", "c", "r", "restore-cleanup", "-x", "--help", "-h", "-d"}) {
            Run run = bbr("deployment", "-t", "https://10.0.0.6:25555", "-u", "admin", "--password", secret,
                    "-d", "cf", "--ca-cert", "/nope/ca.pem", "backup");
            assertThat(run.code()).as(secret).isEqualTo(1);
            assertThat(run.err()).as(secret).contains("open /nope/ca.pem: no such file or directory");
        }
        Run valueIsAFlagName = bbr("director", "--host", "--username", "backup");
        assertThat(valueIsAFlagName.err()).as("--host took --username").contains("--username flag is required.");
    }

    @Test
    void flags_takeOneDashOrTwo_asGosFlagPackageDoes() {
        for (String[] spelling : new String[][] {{"-target", "-username", "-password", "-deployment", "-ca-cert"},
                {"--t", "--u", "--p", "--d", "-ca-cert"}}) {
            Run run = bbr("deployment", spelling[0], "https://10.0.0.6:25555", spelling[1], "admin", spelling[2],
                    "-target", spelling[3], "cf", spelling[4] + "=/nope/ca.pem", "backup");
            assertThat(run.code()).as(spelling[0]).isEqualTo(1);
            assertThat(run.err()).as(spelling[0]).contains("open /nope/ca.pem: no such file or directory");
        }
        Run help = bbr("director", "-host", "10.0.0.5", "restore", "-help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("NAME:\n   bbr director restore - Restore a deployment from backup\n");
        Run unknown = bbr("director", "-hostname", "10.0.0.5", "backup");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).startsWith("Incorrect Usage. flag provided but not defined: -hostname");
    }

    @Test
    void aCommandsFlagError_underJson_isOneJsonErrorOnStdout_andTheWordsOnStderr() {
        for (String[] args : new String[][] {{"director", "--host", "h", "-u", "u", "--key", "k", "backup", "--json",
                "--nope"}, {"director", "--host", "h", "-u", "u", "--key", "k", "backup", "--json", "-a"}}) {
            Run run = bbr(args);
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.out()).as(String.join(" ", args))
                    .matches("\\{\"type\":\"error\",\"time\":\"[^\"]+\",\"message\":\"Incorrect Usage: flag"
                            + " (provided but not defined: -nope|needs an argument: -a)\",\"exit_code\":1}\n");
            assertThat(run.err()).contains("Incorrect Usage: flag");
        }
    }

    @Test
    void help_anywhereAfterTheModesFlags_showsTheCommandsHelp_andSkipsValidation() {
        Run restore = bbr("director", "restore", "-h");
        assertThat(restore.code()).isZero();
        assertThat(restore.out()).startsWith("NAME:\n   bbr director restore - Restore a deployment from backup\n");
        assertThat(restore.err()).isEmpty();
        Run backup = bbr("deployment", "-d", "cf", "backup", "--help");
        assertThat(backup.code()).isZero();
        assertThat(backup.out()).startsWith("NAME:\n   bbr deployment backup - Backup a deployment\n\nUSAGE:\n"
                + "   bbr deployment backup [options] \n\nOPTIONS:\n   --with-manifest  ")
                .contains("   --artifact-path value, -a value  ", "   --unsafe-lock-free  ");
        Run mode = bbr("deployment", "-h", "backup");
        assertThat(mode.code()).isZero();
        assertThat(mode.out()).startsWith("NAME:\n   bbr deployment - Backup BOSH deployments\n");
    }

    @Test
    void unknownSubcommand_ofAMode_isNamed_afterTheModesChecks() {
        Run run = bbr("director", "--host", "h", "-u", "u", "--key", "k", "frobnicate");
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("Error command 'frobnicate' not found\n\nNAME:\n   bbr director - Backup"
                + " BOSH director\n\nUSAGE:\n   bbr command [command options]");
        assertThat(bbr("director", "frobnicate").err()).contains("--host flag is required.");
    }

    @Test
    void ourFlags_areListedAfterTheOriginals_inTheSameLayout() {
        String help = bbr("director", "--help").out();
        assertThat(help).contains("   --help, -h                             show help\n"
                + "   --script-timeout value                 Stop any job script");
    }

    @Test
    void allDeployments_withBoshDeploymentFromTheEnvironment_saysWhereTheNameCameFrom() {
        DeploymentCommand deployment = new DeploymentCommand(null, variable -> variable.equals("BOSH_DEPLOYMENT")
                ? "sandbox" : null);
        deployment.target = "t";
        deployment.username = "u";
        deployment.password = "p";
        deployment.allDeployments = true;
        assertThat(deployment.missingFlag(false)).contains("provide one of '--deployment' or '--all-deployments'"
                + " flags. The deployment 'sandbox' came from BOSH_DEPLOYMENT: unset it to use --all-deployments.");
        DeploymentCommand emptied = new DeploymentCommand(null, variable -> variable.equals("BOSH_DEPLOYMENT") ? "" : null);
        emptied.target = "t";
        emptied.username = "u";
        emptied.password = "p";
        emptied.allDeployments = true;
        assertThat(emptied.missingFlag(false)).as("the sandbox's hint, BOSH_DEPLOYMENT= bbr … --all-deployments")
                .isEmpty();
        deployment.deployment = "cf";
        assertThat(deployment.missingFlag(false)).contains("provide one of '--deployment' or '--all-deployments'"
                + " flags.");
    }

    @Test
    void liveProgress_onATerminal_unlessBbrForceTtySaysOtherwise() {
        assertThat(Main.isTerminal(true, null)).isTrue();
        assertThat(Main.isTerminal(false, null)).isFalse();
        assertThat(Main.isTerminal(false, "1")).isTrue();
        assertThat(Main.isTerminal(true, "0")).isFalse();
        assertThat(Main.isTerminal(false, "")).isFalse();
    }

    @Test
    void badDirectorUrl_isNamed() {
        Run run = bbr("deployment", "-t", "https://:25555", "-u", "u", "-p", "p", "-d", "d", "--ca-cert", "x",
                "backup");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("invalid bosh URL - ");
    }
}
