package bbr.director;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code Authorization} header for Director requests: fixed for basic auth, a UAA token otherwise. */
interface Authorization {

    /**
     * @param fresh true when bosh-cli would fetch a new token: a request with a body, a redirect hop, a retry
     *              after 401 (director-api.md §3.3)
     */
    String header(boolean fresh) throws IOException;

    static Authorization basic(String username, String password) {
        String value = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return fresh -> value;
    }
}
