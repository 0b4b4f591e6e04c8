package bbr.instance;

import static bbr.instance.Shell.quote;

import bbr.artifact.ChecksumSink;
import bbr.artifact.RemoteLayout;
import bbr.log.Logger;
import bbr.remote.CapturedResult;
import bbr.remote.CommandResult;
import bbr.remote.RemoteRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The remote commands bbr runs on a VM, as command lines over one {@link RemoteRunner}. Every file operation
 * goes through {@code sudo}, because {@code /var/vcap/store} may be readable by root only.
 */
public final class VmShell {

    private static final String JOBS_GLOB = "/var/vcap/jobs/*/bin/bbr/*";
    /** Sets {@code $d} to the VM's SHA-256 of stdin that prints the hash first: OpenSSL where it is there. */
    private static final String DIGEST_CHOICE =
            "if command -v openssl >/dev/null; then d='openssl dgst -sha256 -r'; else d=sha256sum; fi; ";

    /** Grace after the timeout's TERM before KILL: a script may need a moment to release a lock it took. */
    private static final int KILL_AFTER_SECONDS = 30;
    /** What GNU timeout exits with when it had to stop the command. */
    private static final int TIMED_OUT = 124;
    private static final int KILLED = 137;

    private final RemoteRunner remote;
    private final Logger logger;
    private final Duration scriptTimeout;

    /** @param scriptTimeout how long a job script may run before it is stopped; {@code null} for no limit */
    public VmShell(RemoteRunner remote, Logger logger, Duration scriptTimeout) {
        this.remote = remote;
        this.logger = logger;
        this.scriptTimeout = scriptTimeout;
    }

    public RemoteRunner remote() {
        return remote;
    }

    /** Paths of every regular file under a job's {@code bin/bbr}; none at all is not an error. */
    public List<String> findScriptFiles() throws IOException {
        CapturedResult result = capture("sudo sh -c " + quote("find " + JOBS_GLOB + " -type f"));
        if (!result.succeeded()) {
            if (result.stderr().contains("No such file or directory")) {
                return List.of();
            }
            check(result);
        }
        return result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    public boolean isWindows() throws IOException {
        return capture("echo %OS%").stdout().strip().equals("Windows_NT");
    }

    /**
     * Runs a job script as root with the given environment; its stdout goes to {@code stdout}. With a script
     * timeout, the VM's own {@code timeout} stops it (TERM, then KILL), so nothing keeps running there unseen.
     */
    public CommandResult runScript(String path, Map<String, String> env, OutputStream stdout) throws IOException {
        StringBuilder command = new StringBuilder("sudo");
        env.forEach((name, value) -> command.append(' ').append(name).append('=').append(quote(value)));
        if (scriptTimeout != null) {
            command.append(" timeout --kill-after=").append(KILL_AFTER_SECONDS).append(' ')
                    .append(scriptTimeout.toSeconds());
        }
        command.append(' ').append(path);
        CommandResult result = run(command.toString(), null, stdout);
        if (scriptTimeout != null && (result.exitStatus() == TIMED_OUT || result.exitStatus() == KILLED)) {
            return new CommandResult(result.exitStatus(), (result.stderr().strip() + "\nstopped after the"
                    + " --script-timeout of " + scriptTimeout.toSeconds() + "s").strip());
        }
        return result;
    }

    public boolean artifactRootExists() throws IOException {
        return capture("sudo stat " + RemoteLayout.ARTIFACT_ROOT).succeeded();
    }

    /**
     * Creates {@code /var/vcap/store/bbr-backup} only if it is absent, atomically: of two bbr runs that start at
     * once, exactly one gets it. Returns false when it already existed.
     */
    public boolean claimArtifactRoot() throws IOException {
        String inner = "mkdir -p " + quote(RemoteLayout.ARTIFACT_ROOT.substring(0, RemoteLayout.ARTIFACT_ROOT
                .lastIndexOf('/'))) + " && mkdir " + quote(RemoteLayout.ARTIFACT_ROOT);
        CapturedResult result = capture("sudo sh -c " + quote(inner));
        if (result.succeeded()) {
            return true;
        }
        if (result.stderr().contains("File exists")) {
            return false;
        }
        throw failure(result.exitStatus(), result.stderr());
    }

    public void makeDirectory(String directory) throws IOException {
        check(capture("sudo mkdir -p " + quote(directory)));
    }

    public void remove(String path) throws IOException {
        check(capture("sudo rm -rf " + quote(path)));
    }

    /**
     * How big a directory is: {@code du}'s figure, which the original logs ("Copying backup -- 4.0K uncompressed"),
     * and the length of the tar stream {@link #streamTar} will send, which the progress counts against. They differ
     * most for many small files: {@code du} counts a 4 KiB block for a 512-byte file, tar a 512-byte header and the
     * data rounded up to 512 bytes. The tar length is summed on the VM in the same walk (a header per member, a
     * long-name header past 100 bytes, data once per hard-linked inode, the end blocks, the 10 KiB record).
     */
    public DirectorySize sizeOf(String directory) throws IOException {
        String awk = "BEGIN{RS=\"\\0\"} {split($0, f, \" \"); n = length($0) - length(f[1]) - length(f[2])"
                + " - length(f[3]) - length(f[4]) - 4 + 2 + (f[1] == \"d\"); t += 512;"
                + " if (n > 100) t += 512 + int((n + 512) / 512) * 512;"
                + " if (f[1] == \"f\" && (f[3] < 2 || !(f[4] in seen))) {if (f[3] > 1) seen[f[4]] = 1;"
                + " t += int((f[2] + 511) / 512) * 512}} END {printf \"%.0f\\n\", int((t + 11263) / 10240) * 10240}";
        String inner = "du -sk " + quote(directory) + " && cd " + quote(directory)
                + " && find . -printf '%y %s %n %i %P\\0' | LC_ALL=C awk " + quote(awk);
        CapturedResult result = capture("sudo sh -c " + quote(inner));
        check(result);
        String[] lines = result.stdout().strip().split("\n");
        long du = Long.parseLong(lines[0].strip().split("\\s+")[0]) * 1024;
        long tar = lines.length > 1 ? Long.parseLong(lines[lines.length - 1].strip()) : du;
        return new DirectorySize(du, tar);
    }

    /**
     * @param du  bytes as {@code du -sk} counts them
     * @param tar the length of the directory's tar stream
     */
    public record DirectorySize(long du, long tar) {
    }

    /**
     * Bytes free for files under {@code directory} on its file system, as {@code df} counts them (1 KiB blocks
     * available to an unprivileged user; root's reserved blocks are not counted).
     */
    public long freeBytes(String directory) throws IOException {
        CapturedResult result = capture("df -Pk " + quote(directory));
        check(result);
        // "Filesystem 1024-blocks Used Available Capacity Mounted on", then one line per file system
        List<String> lines = result.stdout().strip().lines().toList();
        try {
            return Long.parseLong(lines.get(lines.size() - 1).trim().split("\\s+")[3]) * 1024;
        } catch (RuntimeException e) {
            throw new IOException("cannot read the free space of " + directory + " from df: " + result.stdout(), e);
        }
    }

    /** Streams a plain tar of {@code directory}'s content, entries named {@code ./…}, as the original does. */
    public void streamTar(String directory, OutputStream sink) throws IOException {
        check(run("sudo tar -C " + quote(directory) + " -c .", null, sink));
    }

    /** Creates {@code directory} and unpacks the tar read from {@code source} into it. */
    public void extractTar(String directory, InputStream source) throws IOException {
        String inner = "mkdir -p " + quote(directory) + " && tar -C " + quote(directory) + " -x";
        check(run("sudo sh -c " + quote(inner), source, null));
    }

    /**
     * Like {@link #extractTar}, and the VM hashes each regular member while tar unpacks it: {@code tee} hands the
     * stream to a second tar, which pipes each member's bytes into OpenSSL ({@code --to-command}) instead of
     * writing them, so the check ends with the upload instead of reading the files again after it. Each record goes
     * to {@code sink} as it arrives, keyed by the member's tar name, as {@link #checksums} keys the files. A hard
     * link carries no data and gets no record, and the hashing costs two processes per member: callers keep
     * {@link #checksums} for the rest. A failure of the hashing side leaves records missing, never the files.
     */
    public void extractTarHashing(String directory, InputStream source, ChecksumSink sink) throws IOException {
        // the hashing tar runs "$d | …" through sh for each member, with the member's name in $TAR_FILENAME
        String perMember = " | { read -r h _; printf \"%s  %s\\0\" \"$h\" \"$TAR_FILENAME\"; }";
        String inner = "mkdir -p " + quote(directory) + " && cd " + quote(directory) + " || exit; " + DIGEST_CHOICE
                + "exec 3> >(exec tar -x -f - --to-command=\"$d\"" + quote(perMember) + "); h=$!; "
                // tee -p: a hashing side that stops early must not stop the extraction
                + "tee -p /dev/fd/3 | tar -x; s=$((PIPESTATUS[0] | PIPESTATUS[1])); exec 3>&-; wait $h; exit $s";
        runHashing(inner, source, sink);
    }

    /**
     * Like {@link #extractTar}, and the VM hashes each file just after tar has written it, while tar goes on with
     * the next ones: for artifacts of many small files, whose check would otherwise read every file again after
     * the upload. {@code tar -vv} lists a member as it starts on it, so a name is handed to the hasher only once
     * the next member has appeared or tar has ended: by then that file is whole. Only regular files are hashed (the
     * listing's {@code -} lines): a symlink is never followed, so one to {@code /dev/zero} or a FIFO cannot hang the
     * restore. Records go to {@code sink} keyed like {@link #checksums}'s. A hard link gets no record, and a name
     * with a newline or a member written twice a wrong one: callers take any disagreement to {@link #checksums}.
     * A failure of the hashing side leaves records missing, never the files ({@code tee -p} keeps tar writing).
     */
    public void extractTarHashingWritten(String directory, InputStream source, ChecksumSink sink)
            throws IOException {
        // a listing line: mode, owner/group, size, date, time, then the name as it is (--quoting-style=literal)
        String oneBehind = "awk 'function name(l) { sub(/^[^ ]+ [^ ]+ +[^ ]+ [^ ]+ [^ ]+ /, \"\", l); return l }"
                + " { if (NR > 1 && prev ~ /^-/) print name(prev); prev = $0 }"
                + " END { if (NR && prev ~ /^-/) print name(prev) }'";
        String inner = "mkdir -p " + quote(directory) + " && cd " + quote(directory) + " || exit; " + DIGEST_CHOICE
                + "exec 3> >(" + oneBehind + " | tr '\\n' '\\0' | xargs -0 -r $d | tr '\\n' '\\0'); h=$!; "
                + "tar -x -vv --quoting-style=literal | tee -p /dev/fd/3 >/dev/null; s=${PIPESTATUS[0]};"
                + " exec 3>&-; wait $h; exit $s";
        runHashing(inner, source, sink);
    }

    /**
     * SHA-256 of every regular file under {@code directory}, keyed {@code ./relative/path} like tar names them. The
     * records come back NUL-terminated, {@code HASH  NAME} or {@code HASH *NAME}, so that any file name survives
     * (the original's {@code xargs shasum} broke on names with spaces).
     *
     * <p>OpenSSL hashes where the VM has it: it uses the CPU's SHA extensions and costs about a third of the CPU of
     * coreutils' {@code sha256sum} (0.86 against 2.7 CPU s per GiB, measured), and this runs on the VM while it
     * also serves the tar stream. Its {@code -r} lines escape a newline in a name but not a backslash, which makes
     * such names ambiguous, so names with a newline are left to {@code sha256sum -z}.
     *
     * <p>Each file's checksum goes to {@code sink} as soon as its record has arrived, in the VM's {@code find} order.
     */
    public void checksums(String directory, ChecksumSink sink) throws IOException {
        String inner = "set -o pipefail; cd " + quote(directory) + " || exit; "
                + "if command -v openssl >/dev/null; then "
                + "find . -type f ! -path $'*\\n*' -print0 | xargs -0 -r openssl dgst -sha256 -r | tr '\\n' '\\0'"
                + " && find . -type f -path $'*\\n*' -print0 | xargs -0 -r sha256sum -z; "
                + "else find . -type f -print0 | xargs -0 -r sha256sum -z; fi";
        runHashing(inner, null, sink);
    }

    /**
     * Runs {@code inner} through bash as root, its stdout read as checksum records: one record per file, handed on
     * as it arrives, so nothing here grows with the file count.
     */
    private void runHashing(String inner, InputStream stdin, ChecksumSink sink) throws IOException {
        String command = "sudo bash -c " + quote(inner);
        logger.debug("Trying to execute '%s' on remote %s", command, remote.address());
        try (ChecksumLines lines = new ChecksumLines(sink)) {
            check(remote.run(command, stdin, lines));
        }
    }

    private CapturedResult capture(String command) throws IOException {
        logger.debug("Trying to execute '%s' on remote %s", command, remote.address());
        CapturedResult result = remote.capture(command);
        logger.debug("stdout: %s", result.stdout().strip());
        logger.debug("stderr: %s", result.stderr().strip());
        return result;
    }

    private CommandResult run(String command, InputStream stdin, OutputStream stdout) throws IOException {
        logger.debug("Trying to execute '%s' on remote %s", command, remote.address());
        CommandResult result = remote.run(command, stdin, stdout);
        logger.debug("stderr: %s", result.stderr().strip());
        return result;
    }

    private static void check(CommandResult result) throws RemoteCommandException {
        check(result.exitStatus(), result.stderr());
    }

    private static void check(CapturedResult result) throws RemoteCommandException {
        check(result.exitStatus(), result.stderr());
    }

    private static void check(int exitStatus, String stderr) throws RemoteCommandException {
        if (exitStatus != 0) {
            throw failure(exitStatus, stderr);
        }
    }

    /** The original's wording for a failed remote command: its stderr, then its exit code. */
    private static RemoteCommandException failure(int exitStatus, String stderr) {
        return new RemoteCommandException(stderr.strip() + " - exit code " + exitStatus);
    }

    /** A bbr housekeeping command failed on the VM; the message is its stderr and exit code. */
    public static final class RemoteCommandException extends IOException {
        public RemoteCommandException(String message) {
            super(message);
        }
    }
}
