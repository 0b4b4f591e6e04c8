package bbr.testbed.director;

import java.util.List;

/**
 * One agent SSH action on one instance: a setup that created {@code user}, or a cleanup for {@code user} (the
 * {@code user_regex}) that removed {@code removedUsers}.
 */
public record SshCall(String command, String deployment, String group, int index, String instanceId, String user,
        List<String> removedUsers) {

    public SshCall {
        removedUsers = List.copyOf(removedUsers);
    }
}
