package bbr.deployment;

import bbr.ssh.SshKeys;
import java.util.UUID;

/**
 * The throwaway SSH user bbr asks the Director to create: {@code bosh_} and 15 hex characters (the agent only
 * deletes users with that prefix), with a fresh RSA-2048 key that lives only in memory.
 */
record TemporaryUser(String name, SshKeys.GeneratedKey key) {

    static TemporaryUser generate() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return new TemporaryUser("bosh_" + hex.substring(0, 15), SshKeys.generateRsa2048());
    }

    @Override
    public String toString() {
        return name;
    }
}
