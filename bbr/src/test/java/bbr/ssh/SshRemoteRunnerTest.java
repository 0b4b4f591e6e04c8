package bbr.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import bbr.remote.CapturedResult;
import bbr.remote.CommandResult;
import bbr.remote.ConnectionLostException;
import bbr.remote.RemoteRunner;

@EnabledIf("bbr.ssh.TestSshd#available")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshRemoteRunnerTest {

    @TempDir
    static Path dir;

    static TestSshd sshd;
    static SshConnector connector;
    static RemoteRunner runner;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = TestSshd.start(dir);
        connector = new SshConnector();
        runner = connector.connect(sshd.target(HostKeyPolicy.acceptAny()));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (runner != null) {
            runner.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void run_echo_streamsStdoutAndExitsZero_withEmptyStderr() throws Exception {
        CapturedResult result = runner.capture("echo hi");

        assertThat(result.exitStatus()).isZero();
        assertThat(result.stdout()).isEqualTo("hi\n");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void run_failingCommand_returnsItsExitStatusAndStderr() throws Exception {
        CommandResult result = runner.run("echo oops >&2; exit 3", null, null);

        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void run_hasNoPtyAndGivesEofOnStdin_whenNoStdinGiven() throws Exception {
        CapturedResult result = runner.capture("test -t 0 || echo no-tty; cat; echo done");

        assertThat(result.stdout()).isEqualTo("no-tty\ndone\n");
    }

    @Test
    void run_commandKilledBySignal_reportsShellStyleStatus() throws Exception {
        CommandResult result = runner.run("kill -9 $$", null, null);

        assertThat(result.exitStatus()).isEqualTo(128 + 9);
        assertThat(result.stderr()).contains("killed by signal KILL");
    }

    @Test
    void run_catRoundTrip_of50MB_keepsEveryByte() throws Exception {
        byte[] data = new byte[50 * 1024 * 1024];
        new Random(42).nextBytes(data);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        CountingStream out = new CountingStream();

        CommandResult result = runner.run("cat",
                new DigestInputStream(new ByteArrayInputStream(data), sent),
                new DigestOutputStream(out, received));

        assertThat(result.exitStatus()).isZero();
        assertThat(out.count).isEqualTo(data.length);
        assertThat(received.digest()).isEqualTo(sent.digest());
    }

    @Test
    void run_stderrFlood_keepsOnlyTheLastMebibyte() throws Exception {
        CommandResult result = runner.run(
                "head -c 3000000 /dev/zero | tr '\\0' x >&2; echo; echo the-real-error >&2; exit 1", null, null);

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.stderr()).endsWith("the-real-error\n").startsWith("[... ");
        assertThat(result.stderr().length()).isLessThan(CommandResult.MAX_CAPTURED_BYTES + 100);
    }

    @Test
    void run_commandsRunConcurrently_onTheOneConnection() throws Exception {
        Path barrier = java.nio.file.Files.createTempDirectory(dir, "barrier");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            // a bulk stream alongside, as bbr runs tar and a checksum at once
            Future<Long> stream = pool.submit(() -> {
                CountingStream out = new CountingStream();
                runner.run("head -c 200000000 /dev/zero", null, out);
                return out.count;
            });
            // each command finishes only once all five have started: one after another they would never finish
            List<Future<CapturedResult>> results = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String command = "touch " + barrier + "/" + i + "; until [ $(ls " + barrier + " | wc -l) -ge 5 ];"
                        + " do sleep 0.1; done; echo " + i;
                results.add(pool.submit(() -> runner.capture(command)));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS).stdout()).isEqualTo(i + "\n");
            }
            assertThat(stream.get()).isEqualTo(200_000_000L);
            assertThat(sshd.log()).containsOnlyOnce("Accepted publickey");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void run_stdoutWriteFailure_abortsOnlyThatCommand_andSurfacesTheError() throws Exception {
        OutputStream fullDisk = new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 10_000_000) {
                    throw new IOException("No space left on device");
                }
            }
        };

        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run("cat /dev/zero", null, fullDisk))
                .isInstanceOf(IOException.class)
                .hasMessage("No space left on device");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(runner.capture("echo still-connected").stdout()).isEqualTo("still-connected\n");
    }

    @Test
    void run_stdinReadFailure_surfacesTheError_withoutSendingEof() throws Exception {
        InputStream brokenArtifact = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served++ > 100) {
                    throw new IOException("Input/output error");
                }
                return len;
            }
        };

        assertThatThrownBy(() -> runner.run("cat > /dev/null", brokenArtifact, null))
                .isInstanceOf(IOException.class)
                .hasMessage("Input/output error");
        assertThat(runner.capture("echo still-connected").stdout()).isEqualTo("still-connected\n");
    }

    @Test
    void run_commandExitingWithoutReadingStdin_returnsItsStatus() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };

        CommandResult result = runner.run("exit 4", endless, null);

        assertThat(result.exitStatus()).isEqualTo(4);
    }

    /** An OutputStream that only counts. */
    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
