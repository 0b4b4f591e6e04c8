package bbr.testbed.bench.jmh;

import bbr.artifact.ChecksumSpill;
import bbr.artifact.Fingerprint;
import bbr.artifact.Scratch;
import bbr.artifact.TarChecksummer;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The local half of a drain: {@link TarChecksummer} framing a tar stream and hashing every member as the bytes
 * arrive, against the floor of one plain {@link MessageDigest} SHA-256 over the same bytes in the same chunks.
 * Run it through {@link TarHashReport} ({@code bench/run jmh}), which turns the times into MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TarHashBenchmark {

    /** One member of 256 MiB (a database dump), or 5,000 members of 4 KiB each (where per-member cost shows). */
    static final String ONE_BIG = "1x256MiB";
    static final String MANY_SMALL = "5000x4KiB";

    /** What bbr's copy loop is handed at a time: one SSH channel packet (OpenSSH sends at most 32 KiB). */
    private static final int CHUNK = 32 * 1024;

    @Param({ONE_BIG, MANY_SMALL})
    public String members;

    private byte[] tar;

    @Setup(Level.Trial)
    public void makeTar() {
        tar = TarImages.of(count(members), size(members));
    }

    @Benchmark
    public Fingerprint tarChecksummer() throws IOException {
        try (Scratch scratch = Scratch.temporary()) {
            ChecksumSpill spill = new ChecksumSpill(scratch, null);
            TarChecksummer checksummer = new TarChecksummer(spill, scratch);
            for (int offset = 0; offset < tar.length; offset += CHUNK) {
                checksummer.write(tar, offset, Math.min(CHUNK, tar.length - offset));
            }
            checksummer.finish();
            return spill.finish().fingerprint();
        }
    }

    @Benchmark
    public byte[] plainSha256() throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int offset = 0; offset < tar.length; offset += CHUNK) {
            digest.update(tar, offset, Math.min(CHUNK, tar.length - offset));
        }
        return digest.digest();
    }

    static int count(String members) {
        return members.equals(ONE_BIG) ? 1 : 5000;
    }

    static int size(String members) {
        return members.equals(ONE_BIG) ? 256 << 20 : 4 << 10;
    }
}
