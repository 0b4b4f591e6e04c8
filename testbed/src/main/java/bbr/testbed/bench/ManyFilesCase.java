package bbr.testbed.bench;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupMetadata;
import bbr.artifact.ChecksumSpill;
import bbr.artifact.MetadataWriter;
import bbr.artifact.MetadataReader;
import bbr.artifact.Scratch;
import bbr.artifact.goyaml.GoKeyOrder;
import bbr.testbed.cli.Artifacts;
import bbr.testbed.jobs.SmallFiles;
import bbr.testbed.vm.HostCommand;
import bbr.testbed.vm.Vm;
import bbr.testbed.vm.VmFarm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Many small files in one job (issue #17's blobstore): bbr director backup and restore of N files of 512 bytes
 * against the floor's {@code ssh … sudo tar}, the copy phase alone (from "Copying backup" to "Finished validity
 * checks") and the upload phase of restore (from "Copying backup" to "Finished copying backup", the VM's check
 * included), {@code bbr verify} of the artifact, bbr's peak RSS for all three, and writing and opening the metadata
 * of that many files. The job's restore script moves what bbr restored aside in one rename, so bbr's removal of its
 * copy on the VM at the end is of an empty directory; after each restore, and outside its timing, coreutils on the
 * VM compare every name and byte restored with the job's files, and a difference fails the case.
 */
final class ManyFilesCase {

    static final List<String> NAMES = List.of("1vm-200k-files", "1vm-1m-files");

    private static final double TARGET = 1.2;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory
            .getThreadMXBean();
    private static final double RSS_BUDGET_MIB = 256;
    /** Where the job's restore script moves what bbr restored, on the same file system as bbr's artifact directory. */
    private static final String RESTORED = "/var/vcap/store/restored-by-bbr";
    /** Hashing or removing a million files on this machine's disk. */
    private static final Duration LONG = Duration.ofMinutes(20);

    private ManyFilesCase() {
    }

    static void run(String name, BenchSettings settings) throws Exception {
        int files = (int) Math.max(1000, Math.round((name.equals("1vm-1m-files") ? 1_000_000 : 200_000)
                * settings.scale()));
        Path image = settings.work().resolve("persistent-disk.img");
        String device = null;
        try (VmFarm farm = VmFarm.start(1)) {
            Vm vm = farm.vm(0);
            SideCpu.watch(List.of(vm));
            // the data, bbr's copy on the VM and the floor's restore: 4 KiB blocks each, and room to spare
            device = journaledStore(vm, image, Math.max(1L << 30, files * 4096L * 8));
            DataJob.install(vm);
            SmallFiles.fill(vm, DataJob.DIRECTORY, files, List.of());
            SmallFiles.keepRestored(vm, DataJob.NAME, RESTORED);
            String original = SmallFiles.treeDigest(vm, DataJob.DIRECTORY, LONG);
            List<String> notRestored = new ArrayList<>();
            List<Timing> floorBackup = new ArrayList<>();
            List<Double> bbrBackup = new ArrayList<>();
            List<Double> copyPhase = new ArrayList<>();
            List<Double> backupRss = new ArrayList<>();
            List<Timing> floorRestore = new ArrayList<>();
            List<Double> bbrRestore = new ArrayList<>();
            List<Double> restoreRss = new ArrayList<>();
            List<Double> uploadPhase = new ArrayList<>();
            List<Double> bbrVerify = new ArrayList<>();
            List<Double> verifyRss = new ArrayList<>();
            List<Double> writeMetadata = new ArrayList<>();
            List<Double> openMetadata = new ArrayList<>();
            List<Watched> copies = new ArrayList<>();
            List<Watched> uploads = new ArrayList<>();
            List<Double> baselineCopy = new ArrayList<>();
            List<Double> baselineUpload = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++) {
                Path floorDirectory = settings.work().resolve("floor-" + round);
                Path bbrDirectory = Files.createDirectories(settings.work().resolve("bbr-" + round));
                floorBackup.add(Floor.backup(List.of(vm), floorDirectory, Pinning.NONE));
                Watched backup = watched(DirectorRuns.backupCommand(settings.bbr(), vm, bbrDirectory), settings);
                bbrBackup.add(backup.seconds);
                copyPhase.add(backup.copySeconds);
                copies.add(backup);
                backupRss.add(backup.peakMib);
                Path artifact = Artifacts.onlyArtifact(bbrDirectory);
                openMetadata.add(timeOpen(artifact));
                writeMetadata.add(timeWrite(artifact));
                Watched verify = watched(new ProcessBuilder(settings.bbr().toString(), "verify", "--artifact-path",
                        artifact.toString()), settings);
                bbrVerify.add(verify.seconds);
                verifyRss.add(verify.peakMib);
                floorRestore.add(Floor.restore(List.of(vm), floorDirectory, Pinning.NONE));
                Watched restore = watched(DirectorRuns.command(settings.bbr(), vm, "restore", "--artifact-path",
                        artifact.toString()), settings);
                bbrRestore.add(restore.seconds);
                uploadPhase.add(restore.copySeconds);
                uploads.add(restore);
                restoreRss.add(restore.peakMib);
                if (!Double.isNaN(restore.seconds)) {
                    // outside the timing: every name and byte back, by coreutils on the VM, not by bbr's own checks
                    String restored = SmallFiles.treeDigest(vm, RESTORED, LONG);
                    if (!restored.equals(original)) {
                        notRestored.add("round " + (round + 1) + ": " + restored + " instead of " + original);
                    }
                }
                vm.exec("rm -rf " + RESTORED, LONG).orThrow();
                if (settings.baselineBbr().isPresent()) {
                    // after this build's runs, on the same data and the same warm cache: its copy and upload phases
                    Path baselineDirectory = Files.createDirectories(settings.work().resolve("baseline-" + round));
                    Path other = settings.baselineBbr().get();
                    baselineCopy.add(watched(DirectorRuns.backupCommand(other, vm, baselineDirectory), settings)
                            .copySeconds);
                    baselineUpload.add(watched(DirectorRuns.command(other, vm, "restore", "--artifact-path",
                            Artifacts.onlyArtifact(baselineDirectory).toString()), settings).copySeconds);
                    vm.exec("rm -rf " + RESTORED, LONG).orThrow();
                    Commands.deleteTree(baselineDirectory);
                }
                Commands.deleteTree(floorDirectory);
                Commands.deleteTree(bbrDirectory);
            }
            String n = files + " files";
            Table.row(name, "backup s, " + n, Timing.medianSeconds(floorBackup), Table.median(bbrBackup), 0);
            Table.row(name, "copy phase s (vs floor)", Timing.medianSeconds(floorBackup), Table.median(copyPhase),
                    TARGET);
            Table.row(name, "restore s", Timing.medianSeconds(floorRestore), Table.median(bbrRestore), 0);
            Table.row(name, "upload phase s (vs floor)", Timing.medianSeconds(floorRestore),
                    Table.median(uploadPhase), TARGET);
            // on 2 shared cores the machine's CPU bounds the wall time: where the phases' time goes, against the floor's
            Table.row(name, "copy phase CPU s, machine", Timing.medianCpuSeconds(floorBackup),
                    Table.median(copies.stream().map(Watched::copyCpu).toList()), 0);
            Table.row(name, "copy phase CPU s, VM", Timing.medianVmCpuSeconds(floorBackup),
                    Table.median(copies.stream().map(Watched::copyVmCpu).toList()), 0);
            Table.row(name, "upload phase CPU s, machine", Timing.medianCpuSeconds(floorRestore),
                    Table.median(uploads.stream().map(Watched::copyCpu).toList()), 0);
            Table.row(name, "upload phase CPU s, VM", Timing.medianVmCpuSeconds(floorRestore),
                    Table.median(uploads.stream().map(Watched::copyVmCpu).toList()), 0);
            if (!baselineCopy.isEmpty()) {
                Table.row(name, "A/B copy phase s", Table.median(baselineCopy), Table.median(copyPhase), 0);
                Table.row(name, "A/B upload phase s", Table.median(baselineUpload), Table.median(uploadPhase), 0);
            }
            Table.row(name, "peak RSS MiB, backup", RSS_BUDGET_MIB, Table.median(backupRss), 1.0);
            Table.row(name, "peak RSS MiB, restore", RSS_BUDGET_MIB, Table.median(restoreRss), 1.0);
            Table.row(name, "verify s (vs backup floor)", Timing.medianSeconds(floorBackup), Table.median(bbrVerify),
                    0);
            Table.row(name, "peak RSS MiB, verify", RSS_BUDGET_MIB, Table.median(verifyRss), 1.0);
            Table.row(name, "write metadata CPU s (vs 1)", 1, Table.median(writeMetadata), 1.0);
            Table.row(name, "open metadata CPU s (vs 1)", 1, Table.median(openMetadata), 1.0);
            if (!notRestored.isEmpty()) {
                throw new IllegalStateException(name + ": bbr's restore did not give back the " + n
                        + " (sha256sum of every name and content): " + String.join("; ", notRestored));
            }
            System.out.printf("# %s: every restore gave back all %s byte for byte (sha256sum of every name and"
                    + " content on the VM)%n", name, n);
        } finally {
            if (device != null) {
                detach(device, image);
            }
        }
    }

    /**
     * Puts the VM's /var/vcap/store on a file system of its own with a journal, as a BOSH persistent disk is. This
     * machine's disk is ext4 without one, and such an ext4 will not reuse an inode for 60 s after its deletion
     * (300 s more while its inode table block is dirty; fs/ext4/ialloc.c, recently_deleted): every file created
     * meanwhile scans past all of them, in the kernel. Creating 200,000 files right after 200,000 were removed took
     * whichever run came next 30 to 50 s instead of 5, floor or bbr, depending on the order of the steps alone.
     *
     * @return the loop device, for {@link #detach}
     */
    private static String journaledStore(Vm vm, Path image, long bytes) {
        host("truncate", "-s", Long.toString(bytes), image.toString());
        host("mkfs.ext4", "-q", "-F", image.toString());
        String device = host("losetup", "--find", "--show", image.toString()).strip();
        try {
            vm.exec("mkdir -p /var/vcap/store && mount " + device + " /var/vcap/store").orThrow();
            return device;
        } catch (RuntimeException e) {
            detach(device, image); // the caller never saw the device, so it cannot detach it
            throw e;
        }
    }

    private static void detach(String device, Path image) {
        host("losetup", "-d", device); // the VM's mount went with its mount namespace
        try {
            Files.deleteIfExists(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + image, e);
        }
    }

    private static String host(String... command) {
        return HostCommand.run(List.of(command), Duration.ofMinutes(5)).orThrow().stdout();
    }

    /** {@code copyCpu}, {@code copyVmCpu}: what the machine and the VM spent from the copy's first line to its last. */
    private record Watched(double seconds, double copySeconds, double peakMib, double copyCpu, double copyVmCpu) {
    }

    /** Runs bbr under GNU time for its peak RSS, timing the copy phase from its stdout as the lines arrive. */
    private static Watched watched(ProcessBuilder command, BenchSettings settings) throws Exception {
        Path report = Files.createTempFile(settings.work(), "rss", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", report.toString()));
        timed.addAll(command.command());
        Commands.settleDisk();
        Process process = new ProcessBuilder(timed).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long start = System.nanoTime();
        long copyStart = 0;
        long copyEnd = 0;
        double[] cpuAtStart = {0, 0};
        double[] cpuAtEnd = {0, 0};
        boolean threads = System.getenv("BENCH_THREADS") != null;
        long jvm = -1;
        Map<String, Double> threadsAtStart = Map.of();
        Map<String, Double> threadsAtEnd = Map.of();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            boolean timeline = System.getenv("BENCH_TIMELINE") != null;
            for (String line; (line = out.readLine()) != null; ) {
                if (timeline) {
                    System.err.printf("%8.2f %s%n", (System.nanoTime() - start) / 1e9, line);
                }
                if (copyStart == 0 && line.contains("Copying backup -- ")) {
                    copyStart = System.nanoTime();
                    cpuAtStart = new double[] {MachineCpu.busySeconds(), SideCpu.now()[1]};
                    if (threads) {
                        jvm = ThreadCpu.child(process.pid());
                        threadsAtStart = ThreadCpu.byName(jvm);
                    }
                } else if (line.contains("Finished validity checks") || line.contains("Finished copying backup for")) {
                    copyEnd = System.nanoTime(); // backup: copy and checks; restore: upload and the VM's check
                    cpuAtEnd = new double[] {MachineCpu.busySeconds(), SideCpu.now()[1]};
                    if (threads) {
                        threadsAtEnd = ThreadCpu.byName(jvm);
                    }
                }
            }
        }
        int exit = process.waitFor();
        if (threads && copyStart != 0) {
            System.err.printf("# bbr's threads, CPU s from its first \"Copying backup\" line to its last copy line:"
                    + "%n%s", ThreadCpu.delta(threadsAtStart, threadsAtEnd));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            // Measuring a bbr that cannot do it (the one before issue #17 could not restore this): say so, go on.
            List<String> words = command.command();
            System.out.printf("# bbr ... %s exited with %d after %.1f s%n",
                    String.join(" ", words.subList(Math.max(0, words.size() - 3), words.size())), exit, seconds);
            seconds = Double.NaN;
        }
        String kib = Files.readString(report).strip();
        Files.delete(report);
        double peak = Long.parseLong(kib.substring(kib.lastIndexOf('\n') + 1)) / 1024.0;
        return new Watched(seconds, copyEnd == 0 ? 0 : (copyEnd - copyStart) / 1e9, peak,
                cpuAtEnd[0] - cpuAtStart[0], cpuAtEnd[1] - cpuAtStart[1]);
    }

    /**
     * Reading the metadata as restore opens it (the structure, each artifact's count and fingerprint), in CPU
     * seconds of the reading thread: on a shared machine the wall clock says more about the neighbours.
     */
    private static double timeOpen(Path artifact) throws IOException {
        long start = CPU.getCurrentThreadCpuTime();
        MetadataReader.read(artifact.resolve("metadata"));
        return (CPU.getCurrentThreadCpuTime() - start) / 1e9;
    }

    /** Writing the metadata from checksums spilled in yaml.v2's order, as a backup ends; CPU seconds too. */
    private static double timeWrite(Path artifact) throws IOException {
        BackupMetadata read = MetadataReader.read(artifact.resolve("metadata"));
        BackupMetadata metadata = new BackupMetadata();
        read.startTime().ifPresent(metadata::setStartTime);
        read.finishTime().ifPresent(metadata::setFinishTime);
        try (Scratch scratch = new Scratch(artifact.getParent())) {
            for (ArtifactName name : read.artifacts()) {
                ChecksumSpill spill = new ChecksumSpill(scratch, GoKeyOrder.INSTANCE);
                read.find(name).orElseThrow().checksums().replay(spill);
                metadata.record(name, spill.finish());
            }
            long start = CPU.getCurrentThreadCpuTime();
            MetadataWriter.write(metadata, OutputStream.nullOutputStream());
            return (CPU.getCurrentThreadCpuTime() - start) / 1e9;
        }
    }
}
