package bbr.ssh;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StderrTailTest {

    @Test
    void keepsEverything_belowTheLimit() {
        StderrTail tail = new StderrTail(100);
        tail.write("first\n".getBytes(UTF_8), 0, 6);
        tail.write('x');

        assertThat(tail.toString()).isEqualTo("first\nx");
    }

    @Test
    void keepsTheLastBytes_andSaysHowManyWereDropped() {
        StderrTail tail = new StderrTail(10);
        for (int i = 0; i < 7; i++) {
            tail.write(("line" + i + "\n").getBytes(UTF_8), 0, 6);
        }

        assertThat(tail.toString()).isEqualTo("[... 32 earlier bytes not kept]\nne5\nline6\n");
    }

    @Test
    void oneWriteLargerThanTheLimit_keepsItsEnd() {
        StderrTail tail = new StderrTail(4);
        tail.write("abc".getBytes(UTF_8), 0, 3);
        tail.write("0123456789".getBytes(UTF_8), 2, 8);

        assertThat(tail.toString()).isEqualTo("[... 7 earlier bytes not kept]\n6789");
    }

    @Test
    void aCutInsideAUtf8Character_dropsItsRemainingBytes() {
        StderrTail tail = new StderrTail(4);
        byte[] text = "aé€".getBytes(UTF_8); // 1 + 2 + 3 bytes
        tail.write(text, 0, text.length);

        // the last 4 bytes are the tail of "é" and all of "€": the stray continuation byte goes
        assertThat(tail.toString()).isEqualTo("[... 3 earlier bytes not kept]\n€");
    }

    @Test
    void growsOnlyAsNeeded_andNeverBeyondTheLimit() {
        StderrTail tail = new StderrTail(1 << 20);
        byte[] chunk = new byte[300_000];
        java.util.Arrays.fill(chunk, (byte) 'y');
        for (int i = 0; i < 5; i++) {
            tail.write(chunk, 0, chunk.length);
        }

        String kept = tail.toString();
        assertThat(kept).startsWith("[... " + (1_500_000 - (1 << 20)) + " earlier bytes not kept]\n");
        assertThat(kept.length() - kept.indexOf('\n') - 1).isEqualTo(1 << 20);
    }
}
