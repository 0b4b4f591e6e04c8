package bbr.testbed.director;

import bbr.testbed.vm.Vm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the BOSH agents do for an SSH task, for real, on the test-bed VMs (AGENT {@code agent/action/ssh.go}):
 * setup creates the user with the public key and sudo; cleanup deletes every {@code bosh_} user matching
 * {@code user_regex}. Instances are handled one by one and the first failure ends the task (DIR jobs/ssh.rb).
 */
final class SshAgent {

    /** Only these users are ephemeral: the agent's cleanup never touches others (AGENT settings.go). */
    static final String EPHEMERAL_PREFIX = "bosh_";

    // Test-bed VMs are Linux: for an instance flagged Windows, the key carries a forced command that answers
    // bbr's OS probe "echo %OS%" as cmd.exe would, and runs every other command normally.
    private static final String WINDOWS_PROBE = "command=\"if [ \\\"$SSH_ORIGINAL_COMMAND\\\" = 'echo %OS%' ]; "
            + "then echo Windows_NT; elif [ -n \\\"$SSH_ORIGINAL_COMMAND\\\" ]; "
            + "then exec /bin/bash -c \\\"$SSH_ORIGINAL_COMMAND\\\"; else exec /bin/bash -l; fi\" ";

    private final boolean alwaysReportPort;
    private final List<SshCall> calls = new CopyOnWriteArrayList<>();

    SshAgent(boolean alwaysReportPort) {
        this.alwaysReportPort = alwaysReportPort;
    }

    List<SshCall> calls() {
        return List.copyOf(calls);
    }

    /** Runs setup on each instance in turn; returns the task result: one JSON array and a newline. */
    String setup(String deployment, List<Instance> instances, Map<?, ?> params, Optional<TaskFault> fault) {
        String user = params.get("user") == null ? "" : params.get("user").toString();
        String publicKey = params.get("public_key") == null ? "" : params.get("public_key").toString().strip();
        int failAt = fault.map(TaskFault::instancesBeforeFailure).orElse(TaskFault.NO_PARTIAL);
        List<Object> results = new ArrayList<>();
        for (Instance instance : instances) {
            if (results.size() == failAt) {
                throw new TaskFailure(DirectorErrors.AGENT_ERROR, fault.get().message());
            }
            if (user.isEmpty()) {
                throw new TaskFailure(DirectorErrors.AGENT_ERROR, "Creating user: useradd: user name is empty");
            }
            try {
                instance.vm().addUser(user, instance.windows() ? WINDOWS_PROBE + publicKey : publicKey);
            } catch (RuntimeException e) {
                throw new TaskFailure(DirectorErrors.AGENT_ERROR, "Creating user: " + e.getMessage());
            }
            calls.add(new SshCall("setup", deployment, instance.group(), instance.index(), instance.id(), user,
                    List.of()));
            Map<String, Object> result = agentResult("setup");
            result.put("ip", AgentAddress.of(instance.vm(), alwaysReportPort));
            // The agent returns /etc/ssh/ssh_host_rsa_key.pub as it is: key, comment "root@HOST", newline.
            result.put("host_public_key", instance.vm().hostPublicKey() + " root@" + instance.vm().name() + "\n");
            results.add(directorFields(result, instance));
        }
        return Json.write(results) + "\n";
    }

    String cleanup(String deployment, List<Instance> instances, Map<?, ?> params) {
        // Go's regexp: an absent user_regex is "", which matches every ephemeral user.
        String regex = params.get("user_regex") == null ? "" : params.get("user_regex").toString();
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new TaskFailure(DirectorErrors.AGENT_ERROR,
                    "SSH Cleanup: Deleting Ephemeral Users: Compiling regexp: " + e.getDescription());
        }
        List<Object> results = new ArrayList<>();
        for (Instance instance : instances) {
            List<String> removed = new ArrayList<>();
            for (String user : instance.vm().users()) {
                if (user.startsWith(EPHEMERAL_PREFIX) && pattern.matcher(user).find()) {
                    instance.vm().removeUser(user);
                    removed.add(user);
                }
            }
            calls.add(new SshCall("cleanup", deployment, instance.group(), instance.index(), instance.id(), regex,
                    removed));
            results.add(directorFields(agentResult("cleanup"), instance));
        }
        return Json.write(results) + "\n";
    }

    /** The {@code bosh_} users on the VMs of these deployments now, by "deployment:group/id"; each VM read once. */
    static Map<String, List<String>> ephemeralUsers(List<Deployment> deployments) {
        Map<String, List<String>> left = new LinkedHashMap<>();
        Set<Vm> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Deployment deployment : deployments) {
            for (Instance instance : deployment.instances()) {
                if (!seen.add(instance.vm())) {
                    continue;
                }
                List<String> users = instance.vm().users().stream().filter(u -> u.startsWith(EPHEMERAL_PREFIX))
                        .toList();
                if (!users.isEmpty()) {
                    left.put(deployment.name() + ":" + instance.slug(), users);
                }
            }
        }
        return left;
    }

    private static Map<String, Object> agentResult(String command) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", command);
        result.put("status", "success");
        return result;
    }

    private static Map<String, Object> directorFields(Map<String, Object> result, Instance instance) {
        result.put("id", instance.id());
        result.put("index", instance.index());
        result.put("job", instance.group());
        return result;
    }
}
