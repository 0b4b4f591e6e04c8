package bbr.packaging;

import static bbr.testbed.cli.Artifacts.onlyArtifact;
import static org.assertj.core.api.Assertions.assertThat;

import bbr.instance.Version;
import bbr.testbed.cli.DirectorFlags;
import bbr.testbed.jobs.DemoJobs;
import bbr.testbed.vm.ExecResult;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as an operator installs it on a jumpbox: {@code dpkg -i}, then {@code bbr} from {@code /usr/bin} with no
 * {@code java} on the PATH and no {@code JAVA_HOME}, then {@code dpkg -r}, which leaves the machine as it was.
 */
class PackageIT {

    @RegisterExtension
    static final VmFarmExtension VMS = VmFarmExtension.withVms(1);

    private static final Path DIST = Path.of(System.getProperty("bbr.dist", "../dist/target")).toAbsolutePath()
            .normalize();

    @TempDir
    Path workDir;

    @TempDir
    Path pathDir;

    @Test
    void theDeb_installsABbrThatBacksUpADirector_withoutAJdk_andRemovesCleanly() throws Exception {
        Path deb = DIST.resolve("bbr_" + Version.current() + "_amd64.deb");
        assertThat(deb).as("built by mvn package").isRegularFile();
        assertThat(Files.size(deb)).as("the package's size budget").isLessThanOrEqualTo(60L * 1024 * 1024);
        assertThat(dpkg("-s", "bbr").exitCode()).as("bbr must not be installed before the test").isNotZero();
        Vm vm = VMS.vm(0);
        DemoJobs.install(vm);

        assertThat(dpkg("-i", deb.toString()).orThrow().exitCode()).isZero();
        try {
            Map<String, String> noJdk = environmentWithoutJava();
            assertThat(run(noJdk, "bash", "-c", "command -v java || echo none").stdout()).isEqualTo("none\n");

            ExecResult version = run(noJdk, "/usr/bin/bbr", "version");
            assertThat(version.stdout()).isEqualTo("bbr version " + Version.current() + "\n");
            assertThat(version.stderr()).isEmpty();

            List<String> backup = new ArrayList<>(List.of("/usr/bin/bbr"));
            backup.addAll(List.of(DirectorFlags.forVm(vm, "backup")));
            ExecResult run = run(noJdk, backup.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
            Path artifact = onlyArtifact(workDir);
            assertThat(artifact.resolve("metadata")).isRegularFile();
            assertThat(artifact.resolve("bosh-0-database.tar")).isRegularFile();

            assertThat(Path.of("/usr/share/bash-completion/completions/bbr")).content().contains("complete ", "bbr");
            assertThat(Path.of("/usr/share/man/man1/bbr.1.gz")).isRegularFile();
            assertThat(run(Map.of(), "bash", "-c", "zcat /usr/share/man/man1/bbr-deployment-backup.1.gz").stdout()
                    .replace("\\-", "-")).as("troff escapes dashes").contains("--with-manifest", "--artifact-path");
        } finally {
            assertThat(dpkg("-r", "bbr").exitCode()).isZero();
        }
        assertThat(Path.of("/usr/bin/bbr")).doesNotExist();
        assertThat(Path.of("/usr/lib/bbr")).doesNotExist();
        assertThat(Path.of("/usr/share/bash-completion/completions/bbr")).doesNotExist();
    }

    /** A PATH with only what the launcher itself runs (bash and readlink), and no JAVA_HOME. */
    private Map<String, String> environmentWithoutJava() throws Exception {
        Path bin = pathDir;
        for (String tool : List.of("bash", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(run(Map.of(), "bash", "-c", "command -v " + tool)
                    .orThrow().stdout().strip()));
        }
        return Map.of("PATH", bin.toString(), "HOME", workDir.toString());
    }

    private ExecResult run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("BOSH_ALL_PROXY");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
        }
        ExecResult result = new ExecResult(String.join(" ", command), process.exitValue(), Files.readString(out),
                Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private ExecResult dpkg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg"));
        command.addAll(List.of(args));
        return run(Map.of(), command.toArray(String[]::new));
    }
}
