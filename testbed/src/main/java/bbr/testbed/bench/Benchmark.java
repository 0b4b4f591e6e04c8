package bbr.testbed.bench;

import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs bbr and its floor (a single OpenSSH {@code sudo tar} stream) on the same data in the same run, and prints
 * the median of each and their ratio. Cases are chosen by name on the command line; see {@link #CASES}.
 */
public final class Benchmark {

    static final List<String> CASES = List.of("1vm-1gib", "1vm-1gib-5000files", "4vm-256mib");

    private final Path bbr;
    private final Path work;
    private final int rounds;

    Benchmark(Path bbr, Path work, int rounds) {
        this.bbr = bbr;
        this.work = work;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = Integer.parseInt(System.getProperty("rounds", "3"));
        List<String> cases = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : CASES;
        Path work = Files.createTempDirectory("bbr-bench");
        Benchmark benchmark = new Benchmark(root.resolve("bin/bbr"), work, rounds);
        System.out.printf(Locale.ROOT, "%-22s %-8s %10s %10s %7s%n", "case", "step", "floor s", "bbr s", "ratio");
        try {
            for (String name : cases) {
                benchmark.run(name);
            }
        } finally {
            Commands.deleteTree(work);
        }
    }

    private void run(String name) throws Exception {
        int vms = name.startsWith("4vm") ? 4 : 1;
        try (VmFarm farm = VmFarm.start(vms)) {
            for (Vm vm : farm.vms()) {
                prepare(vm, name);
            }
            List<Double> floorBackup = new ArrayList<>();
            List<Double> bbrBackup = new ArrayList<>();
            List<Double> floorRestore = new ArrayList<>();
            List<Double> bbrRestore = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                floorBackup.add(Floor.backup(farm.vms(), work.resolve("floor-" + round)));
                bbrBackup.add(BbrRuns.backup(bbr, farm.vms(), work.resolve("bbr-" + round)));
                floorRestore.add(Floor.restore(farm.vms(), work.resolve("floor-" + round)));
                bbrRestore.add(BbrRuns.restore(bbr, farm.vms(), work.resolve("bbr-" + round)));
                Commands.deleteTree(work.resolve("floor-" + round));
                Commands.deleteTree(work.resolve("bbr-" + round));
            }
            print(name, "backup", floorBackup, bbrBackup);
            print(name, "restore", floorRestore, bbrRestore);
        }
    }

    private static void prepare(Vm vm, String name) throws IOException {
        String data = "/var/vcap/store/data";
        // hard links: the script costs O(files), so the measurement is the transfer, as the floor's is
        vm.writeJobScript("data", "backup", "#!/bin/bash\nset -e\ncp -al " + data + "/. \"$BBR_ARTIFACT_DIRECTORY\"\n");
        vm.writeJobScript("data", "restore", "#!/bin/bash\ntrue\n");
        vm.createDirectories(data);
        switch (name) {
            case "1vm-1gib" -> vm.exec("head -c 1G /dev/urandom > " + data + "/blob").orThrow();
            case "1vm-1gib-5000files" -> vm.exec("cd " + data + " && head -c 1G /dev/urandom | split -a 4 -d"
                    + " -b 214748 - file-").orThrow();
            case "4vm-256mib" -> vm.exec("head -c 256M /dev/urandom > " + data + "/blob").orThrow();
            default -> throw new IllegalArgumentException("unknown case " + name + "; known: " + CASES);
        }
    }

    private static void print(String name, String step, List<Double> floor, List<Double> bbr) {
        double f = median(floor);
        double b = median(bbr);
        System.out.printf(Locale.ROOT, "%-22s %-8s %10.2f %10.2f %6.2fx%n", name, step, f, b, b / f);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
