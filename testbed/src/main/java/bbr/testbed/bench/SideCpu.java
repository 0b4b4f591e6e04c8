package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds per side of a run, which the machine's total cannot tell apart on a shared machine: the client (bbr's
 * JVM, or the floor's {@code ssh}: the processes the bench waited for, from its own {@code cutime}/{@code cstime};
 * in deployment mode also the simulator's {@code useradd}), and the VMs (every process in a watched VM's PID
 * namespace, its own CPU and that of the children it reaped: sshd, sudo, tar, the checksums).
 */
final class SideCpu {

    private static final double TICKS_PER_SECOND = 100;
    private static volatile List<Vm> watched = List.of();

    private SideCpu() {
    }

    /** The VMs whose CPU the next runs count. */
    static void watch(List<Vm> vms) {
        watched = List.copyOf(vms);
    }

    /** CPU seconds so far: client, VMs. */
    static double[] now() {
        try {
            double client = children(Files.readString(Path.of("/proc/self/stat")));
            double vms = 0;
            for (Vm vm : watched) {
                vms += namespace(vm.init().pid());
            }
            return new double[] {client, vms};
        } catch (IOException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    private static double namespace(long init) throws IOException {
        Path ns = Files.readSymbolicLink(Path.of("/proc", Long.toString(init), "ns", "pid"));
        double seconds = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readSymbolicLink(process.resolve("ns/pid")).equals(ns)) {
                        seconds += own(Files.readString(process.resolve("stat"))) + children(Files.readString(
                                process.resolve("stat")));
                    }
                } catch (IOException e) {
                    // it ended meanwhile: its parent's cutime has it
                }
            }
        }
        return seconds;
    }

    /** utime + stime (fields 14 and 15 of /proc/PID/stat, or of /proc/PID/task/TID/stat for one thread). */
    static double own(String stat) {
        String[] f = fields(stat);
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** cutime + cstime (fields 16 and 17): the children waited for. */
    private static double children(String stat) {
        String[] f = fields(stat);
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
    }

    /** The fields after the command name, which may hold spaces and parentheses: field 3 is index 0. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }
}
