package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumDiffTest {

    @TempDir
    Path dir;

    @Test
    void namesFilesThatDifferOrExistOnOneSideOnly_sortedByName() throws Exception {
        try (Scratch scratch = new Scratch(dir)) {
            Checksums local = Checksums.of(Map.of("./a", "1", "./b", "2", "./c", "3"));
            Checksums remote = Checksums.of(Map.of("./a", "1", "./b", "X", "./d", "4"));
            assertThat(ChecksumDiff.between(local, remote, scratch).shown()).containsExactly("./b", "./c", "./d");
            assertThat(ChecksumDiff.between(local, local, scratch).isEmpty()).isTrue();
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void equalSetsInDifferentOrders_match_withoutTouchingTheDisk() throws Exception {
        try (Scratch scratch = new Scratch(dir)) {
            ChecksumSpill one = new ChecksumSpill(scratch, null);
            ChecksumSpill other = new ChecksumSpill(scratch, null);
            for (int i = 0; i < 1000; i++) {
                one.accept(name(i), sum(i));
                other.accept(name(999 - i), sum(999 - i));
            }
            assertThat(ChecksumDiff.between(one.finish(), other.finish(), scratch).isEmpty()).isTrue();
            assertThat(dir).isEmptyDirectory();
        }
    }

    @Test
    void manyMismatches_listTenAndCountAll_throughSpillFiles() throws Exception {
        try (Scratch scratch = new Scratch(dir)) {
            ChecksumSpill one = new ChecksumSpill(scratch, null, 4096);
            ChecksumSpill other = new ChecksumSpill(scratch, null, 4096);
            for (int i = 0; i < 5000; i++) {
                one.accept(name(i), sum(i));
                other.accept(name(i), i % 250 == 7 ? sum(i + 1) : sum(i));
            }
            ChecksumDiff diff = ChecksumDiff.between(one.finish(), other.finish(), scratch);
            assertThat(diff.total()).isEqualTo(20);
            assertThat(diff.shown()).hasSize(10).isSorted();
            assertThat(diff.describe()).startsWith("checksums don't match for [./f00007, ./f00257")
                    .endsWith("Checksum failed for 20 files in total");
        }
    }

    @Test
    void describe_listsAtMostTenButCountsAll() {
        var files = IntStream.range(0, 10).mapToObj(i -> "./f" + i).toList();
        assertThat(new ChecksumDiff(files, 12).describe())
                .isEqualTo("checksums don't match for " + files + ". Checksum failed for 12 files in total");
    }

    @Test
    void aSpilledSet_comesBackInItsOrder_andLeavesNoFileWhenClosed() throws Exception {
        try (Scratch scratch = new Scratch(dir)) {
            ChecksumSpill spill = new ChecksumSpill(scratch, java.util.Arrays::compareUnsigned, 2048);
            for (int i = 2999; i >= 0; i--) {
                spill.accept(name(i), sum(i));
            }
            SpilledChecksums set = spill.finish();
            try (var files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile).count()).isGreaterThan(10);
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            set.replay((name, sum) -> names.add(new String(name, StandardCharsets.UTF_8)));
            assertThat(names).hasSize(3000).isSorted();
            set.close();
            try (var files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile).count()).isZero();
            }
        }
    }

    @Test
    void aFinishedSetOverTheSizeKeptInMemory_writesItsLastRun_andStillComesBackInOrder() throws Exception {
        try (Scratch scratch = new Scratch(dir)) {
            // some 550 KB of entries: less than a run, more than a finished set keeps while the backup goes on
            ChecksumSpill spill = new ChecksumSpill(scratch, java.util.Arrays::compareUnsigned);
            for (int i = 3999; i >= 0; i--) {
                spill.accept(name(i), sum(i));
            }
            SpilledChecksums set = spill.finish();
            try (var files = Files.walk(dir)) {
                assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            set.replay((name, sum) -> names.add(new String(name, StandardCharsets.UTF_8)));
            assertThat(names).hasSize(4000).isSorted().startsWith("./f00000");
            set.close();
        }
    }

    static byte[] name(int i) {
        return String.format("./f%05d", i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sum(int i) {
        return String.format("%064x", i).getBytes(StandardCharsets.US_ASCII);
    }
}
