package bbr.testbed.director;

import static bbr.testbed.director.ManifestWriter.map;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /info}, open to all (DIR {@code info_controller.rb}, director-api.md §4): who the Director is and how
 * to authenticate; {@code user} names the caller only when it sent valid credentials.
 */
final class InfoEndpoint {

    private final SimulatorOptions options;
    private final Supplier<String> uaaUrl;

    InfoEndpoint(SimulatorOptions options, Supplier<String> uaaUrl) {
        this.options = options;
        this.uaaUrl = uaaUrl;
    }

    Response handle(String user) {
        Map<String, Object> info = map("name", options.name(), "uuid", options.uuid(),
                "version", "282.0.3 (00000000)", "user", user, "cpi", "warden_cpi",
                "stemcell_os", Stemcell.UBUNTU_JAMMY.os(), "stemcell_version", Stemcell.UBUNTU_JAMMY.version());
        if (options.auth().type() == Auth.Type.UAA) {
            String url = uaaUrl.get();
            info.put("user_authentication", map("type", "uaa", "options", map("url", url, "urls", List.of(url))));
        } else {
            info.put("user_authentication", map("type", "basic", "options", Map.of()));
        }
        info.put("features", map(
                "local_dns", map("status", true, "extras", map("domain_name", "bosh")),
                "snapshots", map("status", false),
                "config_server", map("status", false, "extras", map("urls", List.of()))));
        return Response.json(200, info);
    }
}
