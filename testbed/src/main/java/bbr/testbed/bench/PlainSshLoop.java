package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The control-plane case's baseline: the job scripts bbr runs, in bbr's stage order, one plain OpenSSH {@code ssh}
 * per script run, written as the bash loop an operator would write. Backup-side stages run the VMs in parallel
 * (bbr runs backup-side scripts ten at a time), each VM's jobs one after another; restore-side stages run one
 * script at a time, as bbr and the original do. Each stage ends before the next starts, as bbr's stages do. The
 * loop passes the variables bbr passes, makes the artifact directory before a backup script (one {@code ssh} with
 * the script) and removes it afterwards; it discovers nothing and copies nothing, which bbr must fit in its budget.
 */
final class PlainSshLoop {

    private static final String ARTIFACTS = "/var/vcap/store/bbr-backup";

    private PlainSshLoop() {
    }

    static double backup(List<Vm> vms, List<String> jobs) throws IOException, InterruptedException {
        double seconds = inParallel(vms, jobs, job -> script(job, "pre-backup-lock", ""));
        seconds += inParallel(vms, jobs, job -> "sudo mkdir -p " + ARTIFACTS + "/" + job + " && "
                + script(job, "backup", artifactVariables(job)));
        seconds += inParallel(vms, jobs, job -> script(job, "post-backup-unlock",
                "BBR_AFTER_BACKUP_SCRIPTS_SUCCESSFUL=true "));
        List<ProcessBuilder> cleanups = new ArrayList<>();
        for (Vm vm : vms) {
            cleanups.add(OpenSsh.process(vm, "sudo rm -rf " + ARTIFACTS));
        }
        return seconds + Commands.timeAll(cleanups);
    }

    static double restore(List<Vm> vms, List<String> jobs) throws IOException, InterruptedException {
        double seconds = oneAtATime(vms, jobs, job -> script(job, "pre-restore-lock", ""));
        seconds += oneAtATime(vms, jobs, job -> script(job, "restore", artifactVariables(job)));
        return seconds + oneAtATime(vms, jobs, job -> script(job, "post-restore-unlock", ""));
    }

    /** One bash loop per VM, all at once; the stage's time is the slowest VM's. */
    private static double inParallel(List<Vm> vms, List<String> jobs, UnaryOperator<String> command)
            throws IOException, InterruptedException {
        List<ProcessBuilder> loops = new ArrayList<>();
        for (Vm vm : vms) {
            loops.add(loop(List.of(vm), jobs, command));
        }
        return Commands.timeAll(loops);
    }

    private static double oneAtATime(List<Vm> vms, List<String> jobs, UnaryOperator<String> command)
            throws IOException, InterruptedException {
        return Commands.time(loop(vms, jobs, command));
    }

    private static ProcessBuilder loop(List<Vm> vms, List<String> jobs, UnaryOperator<String> command) {
        StringBuilder script = new StringBuilder("set -e\n");
        for (Vm vm : vms) {
            for (String job : jobs) {
                script.append(OpenSsh.shellLine(vm, command.apply(job))).append('\n');
            }
        }
        return new ProcessBuilder("bash", "-c", script.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    private static String script(String job, String script, String variables) {
        return "sudo " + variables + "/var/vcap/jobs/" + job + "/bin/bbr/" + script;
    }

    private static String artifactVariables(String job) {
        String directory = ARTIFACTS + "/" + job + "/";
        return "BBR_ARTIFACT_DIRECTORY=" + directory + " ARTIFACT_DIRECTORY=" + directory + " ";
    }
}
