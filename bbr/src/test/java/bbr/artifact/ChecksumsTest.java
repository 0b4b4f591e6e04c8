package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void mismatches_nameFilesThatDifferOrExistOnOneSideOnly() {
        Checksums local = Checksums.of(Map.of("./a", "1", "./b", "2", "./c", "3"));
        Checksums remote = Checksums.of(Map.of("./a", "1", "./b", "X", "./d", "4"));
        assertThat(local.mismatchesWith(remote)).containsExactly("./b", "./c", "./d");
        assertThat(local.mismatchesWith(local)).isEmpty();
    }

    @Test
    void describeMismatch_listsAtMostTenButCountsAll() {
        var files = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "./f" + i).toList();
        assertThat(Checksums.describeMismatch(files))
                .startsWith("checksums don't match for [./f0, ./f1")
                .contains("./f9]")
                .doesNotContain("./f10")
                .endsWith("Checksum failed for 12 files in total");
    }
}
