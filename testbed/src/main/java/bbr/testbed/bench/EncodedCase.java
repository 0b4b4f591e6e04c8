package bbr.testbed.bench;

import bbr.testbed.cli.Artifacts;
import bbr.testbed.cli.OperatorTools;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue #12's figures: a director backup with {@code --compress --encrypt-to} against a plain one of the same data,
 * round after round on the same VM; for compressible data also the artifact's size and the operator's way today (a
 * plain backup, then {@code tar -c DIR | zstd -T0 -3 | age -r KEY} as a second pass); bbr's peak RSS; and
 * {@code bbr verify} against {@code age -d | zstd -d | sha256sum} of the same file.
 */
final class EncodedCase {

    static final String RANDOM = "encoded-1gib-random";
    static final String TEXT = "encoded-1gib-text";
    static final List<String> NAMES = List.of(RANDOM, TEXT);

    private static final long GIB = 1L << 30;
    private static final long CHUNK = 64L << 20;

    private EncodedCase() {
    }

    static void run(String name, BenchSettings settings) throws Exception {
        try (VmFarm farm = VmFarm.start(1)) {
            Vm vm = farm.vm(0);
            DataJob.install(vm);
            long bytes = settings.bytes(GIB);
            if (name.equals(RANDOM)) {
                DataJob.addToOneFile(vm, bytes);
            } else {
                addSqlLikeText(vm, bytes);
            }
            OperatorTools.AgeKey key = OperatorTools.ageKeygen(settings.work(), "bench-" + name);
            SideCpu.watch(List.of(vm));
            measure(name, settings, vm, key);
        }
    }

    private static void measure(String name, BenchSettings settings, Vm vm, OperatorTools.AgeKey key)
            throws Exception {
        List<Timing> plainBackup = new ArrayList<>();
        List<Timing> encodedBackup = new ArrayList<>();
        List<Timing> plainRestore = new ArrayList<>();
        List<Timing> encodedRestore = new ArrayList<>();
        List<Timing> secondPass = new ArrayList<>();
        List<Double> plainSize = new ArrayList<>();
        List<Double> encodedSize = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        List<Double> cliVerify = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        String[] encode = {"--compress", "--encrypt-to", key.recipient()};
        String[] identity = {"--identity", key.identityFile().toString()};
        for (int round = 0; round < settings.rounds(); round++) {
            Path plain = Files.createDirectories(settings.work().resolve(name + "-plain-" + round));
            Path encoded = Files.createDirectories(settings.work().resolve(name + "-encoded-" + round));
            plainBackup.add(Commands.measure(DirectorRuns.command(settings.bbr(), vm, "backup", "--artifact-path",
                    plain.toString())));
            encodedBackup.add(Commands.measure(DirectorRuns.command(settings.bbr(), vm, with(encode, "backup",
                    "--artifact-path", encoded.toString()))));
            Path plainArtifact = Artifacts.onlyArtifact(plain);
            Path encodedArtifact = Artifacts.onlyArtifact(encoded);
            plainSize.add((double) size(plainArtifact));
            encodedSize.add((double) size(encodedArtifact));
            if (name.equals(TEXT)) {
                secondPass.add(Commands.measure(new ProcessBuilder("sh", "-c", "tar -C " + plainArtifact + " -c . | zstd"
                        + " -q -T0 -3 | age -r " + key.recipient() + " > " + plain.resolve("second-pass.tar.zst.age"))));
            }
            plainRestore.add(Commands.measure(DirectorRuns.command(settings.bbr(), vm, "restore", "--artifact-path",
                    plainArtifact.toString())));
            encodedRestore.add(Commands.measure(DirectorRuns.command(settings.bbr(), vm, with(identity, "restore",
                    "--artifact-path", encodedArtifact.toString()))));
            Path stored = encodedArtifact.resolve("bosh-0-" + DataJob.NAME + ".tar.zst.age");
            cliVerify.add(Commands.time(new ProcessBuilder("sh", "-c", "age -d -i " + key.identityFile() + " "
                    + stored + " | zstd -d -q | sha256sum > /dev/null")));
            verify.add(Commands.time(new ProcessBuilder(settings.bbr().toString(), "verify", "--artifact-path",
                    encodedArtifact.toString(), "--identity", key.identityFile().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)));
            Commands.deleteTree(encoded);
            Files.createDirectories(encoded);
            rss.add(PeakRss.mebibytes(DirectorRuns.command(settings.bbr(), vm, with(encode, "backup",
                    "--artifact-path", encoded.toString())), settings.work()));
            Commands.deleteTree(plain);
            Commands.deleteTree(encoded);
        }
        String what = name.equals(RANDOM) ? "random" : "SQL-like text";
        Table.row(name, "backup s, plain -> zstd+age", Timing.medianSeconds(plainBackup),
                Timing.medianSeconds(encodedBackup), name.equals(RANDOM) ? 1.10 : 1.15);
        Table.row(name, "restore s, plain -> zstd+age", Timing.medianSeconds(plainRestore),
                Timing.medianSeconds(encodedRestore), name.equals(RANDOM) ? 1.10 : 0);
        Table.row(name, "artifact MiB, " + what, Table.median(plainSize) / (1 << 20),
                Table.median(encodedSize) / (1 << 20), name.equals(TEXT) ? 0.35 : 0);
        if (name.equals(TEXT)) {
            List<Double> operator = new ArrayList<>();
            for (int i = 0; i < plainBackup.size(); i++) {
                operator.add(plainBackup.get(i).seconds() + secondPass.get(i).seconds());
            }
            Table.row(name, "s, backup+tar|zstd|age -> bbr", Table.median(operator),
                    Timing.medianSeconds(encodedBackup), 0.6);
        }
        Table.row(name, "verify s, age|zstd|sha256sum", Table.median(cliVerify), Table.median(verify), 1.2);
        Table.row(name, "peak RSS MiB, zstd+age backup", 256, Table.median(rss), 1.0);
        Table.row(name, "backup CPU s, plain -> zstd+age", Timing.medianCpuSeconds(plainBackup),
                Timing.medianCpuSeconds(encodedBackup), 0);
        Table.row(name, "restore CPU s, client, plain -> zstd+age", Timing.medianClientCpuSeconds(plainRestore),
                Timing.medianClientCpuSeconds(encodedRestore), 0);
        Table.row(name, "restore CPU s, VM, plain -> zstd+age", Timing.medianVmCpuSeconds(plainRestore),
                Timing.medianVmCpuSeconds(encodedRestore), 0);
    }

    /** Rows of an SQL dump, generated once in 64 MiB and repeated: zstd's 2 MiB window at level 3 sees no repeat. */
    private static void addSqlLikeText(Vm vm, long bytes) {
        String chunk = DataJob.DIRECTORY + "/chunk.sql";
        vm.exec("awk 'BEGIN { srand(12); while (n < " + Math.min(bytes, CHUNK) + ") { line = sprintf(\"INSERT INTO"
                + " orders VALUES (%d, %d, '\\''customer-%05d'\\'', '\\''2026-%02d-%02d'\\'', %.2f, '\\''%s'\\'');\\n\","
                + " NR++, int(rand()*1e6), int(rand()*99999), 1+int(rand()*12), 1+int(rand()*28), rand()*1000,"
                + " (rand()<0.5 ? \"shipped\" : \"pending\")); printf \"%s\", line; n += length(line) } }' > " + chunk,
                java.time.Duration.ofMinutes(30)).orThrow();
        vm.exec("cd " + DataJob.DIRECTORY + " && for i in $(seq 1 " + Math.max(1, bytes / CHUNK) + "); do cat chunk.sql;"
                + " done > dump.sql && rm chunk.sql", java.time.Duration.ofMinutes(30)).orThrow();
    }

    private static String[] with(String[] flags, String... subcommand) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(1, List.of(flags));
        return all.toArray(String[]::new);
    }

    private static long size(Path artifact) throws IOException {
        try (Stream<Path> files = Files.list(artifact)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
