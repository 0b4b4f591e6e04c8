package bbr.testbed.vm;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cleans up after test runs whose JVM died without tearing down (SIGKILL, a crash): kills their VMs' init
 * processes, if any still live, unmounts the small tmpfs disks the test bed made in them, and deletes their
 * directories. Runs of live JVMs are left alone, so parallel
 * test JVMs do not kill each other's VMs.
 */
public final class Leftovers {

    private static final System.Logger LOG = System.getLogger(Leftovers.class.getName());

    private Leftovers() {
    }

    public static void reap(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, "run-*")) {
            for (Path run : runs) {
                if (RunDirectory.existing(run).isAbandoned()) {
                    LOG.log(Level.WARNING, "removing the leftover test bed run " + run);
                    reapRun(run);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot look for leftover test bed runs in " + root, e);
        }
    }

    private static void reapRun(Path run) {
        try {
            killInits(run);
            for (Path mount : HostMounts.testBedTmpfs(run)) {
                HostCommand.run(List.of("umount", "--lazy", mount.toString()), Duration.ofSeconds(30)).orThrow();
            }
            DirectoryTrees.delete(run);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot remove the leftover test bed run " + run, e);
        }
    }

    private static void killInits(Path run) throws IOException {
        List<ProcessHandle> killed = new ArrayList<>();
        try (DirectoryStream<Path> vms = Files.newDirectoryStream(run, "vm-*")) {
            for (Path vmDir : vms) {
                liveInit(vmDir).ifPresent(init -> {
                    init.destroyForcibly(); // PID 1 of the VM's namespace: the kernel kills all the rest
                    killed.add(init);
                });
            }
        }
        for (ProcessHandle init : killed) {
            try {
                init.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.log(Level.WARNING, "leftover VM init " + init.pid() + " did not exit", e);
            }
        }
    }

    /** The VM's init, if still alive; its command line names the VM directory, which guards against reused pids. */
    private static Optional<ProcessHandle> liveInit(Path vmDir) {
        Path pidFile = vmDir.resolve(VmNamespace.PID_FILE);
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
            return args.contains(vmDir.toString()) ? ProcessHandle.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no pid file, or the process is gone
        }
    }
}
