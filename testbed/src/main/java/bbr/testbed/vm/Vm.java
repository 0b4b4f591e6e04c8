package bbr.testbed.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One simulated BOSH VM: a real sshd with real sudo on its own loopback address, with private users, /home,
 * /var/vcap, /run and /tmp. Paths given to its methods are paths inside the VM.
 */
public final class Vm {

    private static final Duration EXEC_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private final int index;
    private final String name;
    private final LoopbackEndpoint endpoint;
    private final KeyPairFiles operatorKey;
    private final List<KeyPairFiles> hostKeys;
    private final VmNamespace namespace;
    private final Sshd sshd;
    private final UserAccounts accounts;
    private final VmFiles files;

    Vm(int index, String name, LoopbackEndpoint endpoint, KeyPairFiles operatorKey, List<KeyPairFiles> hostKeys,
            VmNamespace namespace, Sshd sshd, UserAccounts accounts, VmFiles files) {
        this.index = index;
        this.name = name;
        this.endpoint = endpoint;
        this.operatorKey = operatorKey;
        this.hostKeys = List.copyOf(hostKeys);
        this.namespace = namespace;
        this.sshd = sshd;
        this.accounts = accounts;
        this.files = files;
    }

    public int index() {
        return index;
    }

    /** "vm-0", "vm-1" ...: also the VM's host name. */
    public String name() {
        return name;
    }

    /** The loopback address sshd listens on, "127.0.0.5". */
    public String host() {
        return endpoint.address();
    }

    /** 22, unless something outside the test bed holds port 22 on every loopback address. */
    public int port() {
        return endpoint.port();
    }

    /** "127.0.0.5:22". */
    public String hostAndPort() {
        return host() + ":" + port();
    }

    /** The operator user, "vcap", with passwordless sudo like on a stemcell. */
    public String username() {
        return VmProvisioner.OPERATOR;
    }

    /** The private key (OpenSSH format) that logs in as {@link #username()}; shared by the VMs of one farm. */
    public Path privateKeyPath() {
        return operatorKey.privateKey();
    }

    public KeyPairFiles operatorKey() {
        return operatorKey;
    }

    /**
     * The VM's (first) public host key without comment, "ssh-ed25519 AAAA...", as a Director reports it for
     * pinning.
     */
    public String hostPublicKey() {
        return hostKeys.get(0).publicKeyWithoutComment();
    }

    /** The VM's host key of {@code type}: its public key file is what {@code ssh-keygen -l -f} reads. */
    public KeyPairFiles hostKey(KeyType type) {
        return hostKeys.stream().filter(key -> key.type() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no " + type + " host key"));
    }

    /**
     * Gives the VM new host keys of the same types and restarts sshd (live connections drop), as a reinstalled
     * host, or a man in the middle, would present them.
     */
    public void replaceHostKeys() {
        for (KeyPairFiles key : hostKeys) {
            String fileName = key.privateKey().getFileName().toString();
            KeyPairFiles fresh = TestKeys.generate(key.privateKey().getParent(), fileName, key.type(), key.format(), "");
            try {
                files.write("/etc/ssh/" + fileName, Files.readAllBytes(fresh.privateKey()), 0600);
                files.write("/etc/ssh/" + fileName + ".pub", Files.readAllBytes(fresh.publicKey()), 0644);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sshd.stop();
        sshd.start();
    }

    /** This VM's line for an OpenSSH known_hosts file. */
    public String knownHostsLine() {
        String host = port() == 22 ? host() : "[" + host() + "]:" + port();
        return host + " " + hostPublicKey();
    }

    // ---- files ------------------------------------------------------------------------------------------------

    /** Writes /var/vcap/jobs/JOB/bin/bbr/SCRIPT (backup, restore, pre-backup-lock, metadata ...), root-owned, 0755. */
    public Path writeJobScript(String job, String script, String content) {
        checkSegment(job);
        checkSegment(script);
        String path = "/var/vcap/jobs/" + job + "/bin/bbr/" + script;
        writeFile(path, content, 0755);
        return hostPath(path);
    }

    /** Writes a root-owned file in one of the VM's private directories (/var/vcap, /home, /etc, /tmp). */
    public void writeFile(String vmPath, byte[] content, int mode) {
        files.write(vmPath, content, mode);
    }

    public void writeFile(String vmPath, String content, int mode) {
        files.write(vmPath, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public byte[] readFile(String vmPath) {
        return files.read(vmPath);
    }

    public String readString(String vmPath) {
        return new String(files.read(vmPath), StandardCharsets.UTF_8);
    }

    public boolean exists(String vmPath) {
        return files.exists(vmPath);
    }

    public void createDirectories(String vmPath) {
        files.createDirectories(vmPath);
    }

    /** Gives a file to a user (and its primary group) of this VM. */
    public void chown(String vmPath, String user) {
        UserAccounts.Ids ids = accounts.ids(user)
                .orElseThrow(() -> new IllegalArgumentException("no user " + user + " on " + name));
        files.chown(vmPath, ids.uid(), ids.gid());
    }

    /**
     * The host-side path of a file in the VM's private directories, for direct reads and big files. The VM
     * sees changes made through it at once: it is the very directory bind-mounted into the VM.
     */
    public Path hostPath(String vmPath) {
        return files.hostPath(vmPath);
    }

    // ---- commands and users ---------------------------------------------------------------------------------

    /**
     * Runs a bash command as root inside the VM (its mounts, processes and host name), and waits for it, two
     * minutes at most. Processes it starts in the background are not waited for.
     */
    public ExecResult exec(String shellCommand) {
        return exec(shellCommand, EXEC_TIMEOUT);
    }

    /** Like {@link #exec(String)}; a command that runs out of time is killed and exits with code 124. */
    public ExecResult exec(String shellCommand, Duration timeout) {
        return namespace.run(List.of("/bin/bash", "-c", shellCommand), timeout);
    }

    /**
     * What the BOSH agent does for {@code bosh ssh}: creates the user with a home, this authorized key
     * ("ssh-rsa AAAA... comment") and passwordless sudo.
     */
    public void addUser(String name, String authorizedKey) {
        accounts.add(name, authorizedKey);
    }

    /** Deletes the user, its home and its sudo rule, even while one of its sessions is open. */
    public void removeUser(String name) {
        accounts.remove(name);
    }

    /** The non-system users in this VM's /etc/passwd (uid 1000-60000), vcap among them. */
    public List<String> users() {
        return accounts.loginUsers();
    }

    // ---- sshd -------------------------------------------------------------------------------------------------

    /** Kills every SSH session and what it runs: live connections drop, sshd keeps accepting new ones. */
    public void killSshSessions() {
        sshd.killSessions();
    }

    /** Stops sshd and kills every session: the VM becomes unreachable over SSH until {@link #startSshd()}. */
    public void stopSshd() {
        sshd.stop();
    }

    /** Starts sshd again on the same address, port and host key; returns once it listens. */
    public void startSshd() {
        sshd.start();
    }

    public boolean isSshdRunning() {
        return sshd.isRunning();
    }

    /**
     * Pins sshd to the CPUs {@code cpus} (as {@code taskset -c} reads them, "1" or "0-1"), and with it every session
     * and command it starts from now on, which inherit the affinity: a VM with its own cores, as in a cloud.
     */
    public void pinSshdTo(String cpus) {
        ProcessHandle listener = sshd.listener()
                .orElseThrow(() -> new TestBedException("sshd of " + name + " is not running"));
        HostCommand.run(List.of("taskset", "-a", "-c", "-p", cpus, Long.toString(listener.pid())), EXEC_TIMEOUT)
                .orThrow();
    }

    /** Every connection sshd accepted since the VM started, in order: user, source address and port. */
    public List<SshLogin> sshLogins() {
        return sshd.logins();
    }

    /** How many SSH connections sshd accepted (authenticated) since the VM started. */
    public int sshConnectionCount() {
        return sshd.logins().size();
    }

    /** sshd's log at level VERBOSE, for diagnosing a failed test. */
    public List<String> sshdLog() {
        return sshd.logLines();
    }

    // ---- for the farm and the test bed's own tests --------------------------------------------------------

    Optional<ProcessHandle> sshdListener() {
        return sshd.listener();
    }

    /** The VM's PID 1: the processes in its PID namespace are the VM's (the bench counts their CPU). */
    public ProcessHandle init() {
        return namespace.init();
    }

    void kill() {
        namespace.kill();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return namespace.awaitExit(timeout);
    }

    void releaseEndpoint() {
        endpoint.close();
    }

    private static void checkSegment(String segment) {
        if (!PATH_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("not a plain file name: " + segment);
        }
    }

    @Override
    public String toString() {
        return name + "(" + hostAndPort() + ")";
    }
}
