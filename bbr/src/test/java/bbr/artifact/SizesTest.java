package bbr.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void writesSizesLikeDuH_roundingUp() {
        assertThat(Sizes.human(0)).isEqualTo("0");
        assertThat(Sizes.human(4096)).isEqualTo("4.0K");
        assertThat(Sizes.human(1025)).isEqualTo("1.1K");
        assertThat(Sizes.human(3 * 1024 * 1024)).isEqualTo("3.0M");
        assertThat(Sizes.human(12L * 1024 * 1024 * 1024)).isEqualTo("12G");
        assertThat(Sizes.human(1024L * 1024 - 1)).isEqualTo("1.0M");
    }
}
