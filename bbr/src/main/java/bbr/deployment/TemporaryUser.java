package bbr.deployment;

import bbr.concurrent.Daemons;
import bbr.ssh.SshKeys;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The throwaway SSH user bbr asks the Director to create: {@code bosh_} and 15 hex characters (the agent only
 * deletes users with that prefix), with a fresh RSA-2048 key that lives only in memory.
 *
 * <p>The key is made on a thread of its own: a cold JVM takes about 0.3 s for it, which is hidden behind the
 * Director's first requests instead of delaying them (the key is first needed for the SSH set-up).
 */
final class TemporaryUser {

    private final String name;
    private final CompletableFuture<SshKeys.GeneratedKey> key;

    private TemporaryUser(String name, CompletableFuture<SshKeys.GeneratedKey> key) {
        this.name = name;
        this.key = key;
    }

    static TemporaryUser generate() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        CompletableFuture<SshKeys.GeneratedKey> key = CompletableFuture.supplyAsync(SshKeys::generateRsa2048,
                task -> Daemons.start(task, "temporary-user-key"));
        return new TemporaryUser("bosh_" + hex.substring(0, 15), key);
    }

    String name() {
        return name;
    }

    /** Waits for the key if it is still being made. */
    SshKeys.GeneratedKey key() {
        return key.join();
    }

    @Override
    public String toString() {
        return name;
    }
}
