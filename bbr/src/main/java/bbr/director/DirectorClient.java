package bbr.director;

import bbr.log.Logger;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The BOSH Director calls bbr makes (director-api.md §1.1), each failing with an {@link IOException} whose
 * message names the call and quotes the Director's answer.
 */
public final class DirectorClient {

    private final DirectorHttp http;
    private final Tasks tasks;

    private DirectorClient(DirectorHttp http) {
        this.http = http;
        this.tasks = new Tasks(http);
    }

    /**
     * Asks {@code /info} how to authenticate, then returns a client that does: UAA client credentials when the
     * Director says "uaa", HTTP basic otherwise.
     */
    public static DirectorClient connect(DirectorUrl url, String username, String password, SSLContext ssl,
                                         Proxy proxy, Logger logger) throws IOException {
        HttpTransport transport = new HttpTransport(ssl, proxy, logger);
        JsonObject info;
        try {
            info = Tasks.parse(new DirectorHttp(url, transport, fresh -> "").getWithoutAuth("/info").body());
        } catch (IOException e) {
            throw new IOException("bosh director unreachable or unhealthy: Fetching info: " + e.getMessage(), e);
        }
        JsonObject auth = info.has("user_authentication") && info.get("user_authentication").isJsonObject()
                ? info.getAsJsonObject("user_authentication") : new JsonObject();
        Authorization authorization;
        if ("uaa".equals(Tasks.string(auth, "type"))) {
            JsonElement uaaUrl = auth.has("options") ? auth.getAsJsonObject("options").get("url") : null;
            if (uaaUrl == null || !uaaUrl.isJsonPrimitive() || !uaaUrl.getAsJsonPrimitive().isString()) {
                throw new IOException("Expected URL '" + uaaUrl + "' to be a string");
            }
            authorization = new UaaTokens(uaaUrl.getAsString(), username, password, transport);
        } else {
            authorization = Authorization.basic(username, password);
        }
        return new DirectorClient(new DirectorHttp(url, transport, authorization));
    }

    public List<String> deployments() throws IOException {
        try {
            List<String> names = new ArrayList<>();
            for (JsonElement deployment : JsonParser.parseString(http.get("/deployments").body()).getAsJsonArray()) {
                names.add(Tasks.string(deployment.getAsJsonObject(), "name"));
            }
            return names;
        } catch (IOException e) {
            throw new IOException("Finding deployments: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("Finding deployments: unexpected answer: " + e.getMessage(), e);
        }
    }

    public String manifest(String deployment) throws IOException {
        try {
            return Tasks.string(Tasks.parse(http.get("/deployments/" + deployment).body()), "manifest");
        } catch (IOException e) {
            throw new IOException("Fetching manifest: Finding deployment '" + deployment + "': " + e.getMessage(), e);
        }
    }

    public List<VmInfo> vms(String deployment) throws IOException {
        try {
            String result = tasks.resultOf(http.get("/deployments/" + deployment + "/vms?format=full"));
            List<VmInfo> vms = new ArrayList<>();
            for (String line : result.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject vm = Tasks.parse(line);
                List<String> ips = new ArrayList<>();
                JsonElement ipList = vm.has("ips") ? vm.get("ips") : vm.get("IPs");
                if (ipList != null && ipList.isJsonArray()) {
                    ipList.getAsJsonArray().forEach(ip -> ips.add(ip.getAsString()));
                }
                JsonElement index = vm.get("index");
                vms.add(new VmInfo(Tasks.string(vm, "job_name"),
                        index == null || index.isJsonNull() ? null : index.getAsInt(),
                        Tasks.string(vm, "id"), ips, vm.has("bootstrap") && vm.get("bootstrap").getAsBoolean()));
            }
            return vms;
        } catch (IOException e) {
            throw new IOException("Listing deployment '" + deployment + "' vms infos: " + e.getMessage(), e);
        }
    }

    /** Creates {@code user} with {@code publicKey} on every instance of {@code group}. */
    public List<SshHost> setUpSsh(String deployment, String group, String user, String publicKey)
            throws IOException {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("public_key", publicKey);
        params.put("user", user);
        try {
            String result = tasks.resultOf(http.postJson("/deployments/" + deployment + "/ssh",
                    sshBody("setup", deployment, params, group, List.of())));
            JsonArray hosts = JsonParser.parseString(result).getAsJsonArray();
            if (hosts.isEmpty()) {
                throw new IOException("Did not create any SSH sessions for the instances");
            }
            List<SshHost> answer = new ArrayList<>();
            for (JsonElement element : hosts) {
                JsonObject host = element.getAsJsonObject();
                JsonElement index = host.get("index");
                SshHost ssh = new SshHost(Tasks.string(host, "status"), Tasks.string(host, "ip"),
                        Tasks.string(host, "host_public_key"), Tasks.string(host, "id"),
                        index == null || index.isJsonNull() ? null : index.getAsInt());
                if (!"success".equals(ssh.status())) {
                    throw new IOException("Failed to set up SSH session for one of the instances: " + host);
                }
                answer.add(ssh);
            }
            return answer;
        } catch (IOException e) {
            throw new IOException("Setting up SSH in deployment '" + deployment + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException("Setting up SSH in deployment '" + deployment + "': unexpected answer: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Removes {@code user} from one instance of {@code group} (or the whole group when {@code instanceId} is
     * null) and waits for the task: unlike bosh-cli, which fires and forgets, bbr then knows the user is gone.
     */
    public void cleanUpSsh(String deployment, String group, String instanceId, String user) throws IOException {
        try {
            tasks.awaitDone(http.postJson("/deployments/" + deployment + "/ssh", sshBody("cleanup", deployment,
                    Map.of("user_regex", "^" + user), group, instanceId == null ? List.of() : List.of(instanceId))));
        } catch (IOException e) {
            throw new IOException("Cleaning up SSH in deployment '" + deployment + "': " + e.getMessage(), e);
        }
    }

    private static String sshBody(String command, String deployment, Map<String, Object> params, String group,
                                  List<String> ids) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("ids", ids);
        target.put("indexes", ids);
        target.put("job", group);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        body.put("deployment_name", deployment);
        body.put("params", params);
        body.put("target", target);
        return new Gson().toJson(body);
    }
}
