package bbr.proxy;

import java.io.IOException;
import java.net.Proxy;

/**
 * The way out to the Director, UAA and the VMs, asked for when a connection is about to be made: a jumpbox tunnel
 * is itself a connection, opened on first use and failing then with a message that names the jumpbox.
 */
@FunctionalInterface
public interface ProxyRoute {

    ProxyRoute DIRECT = () -> Proxy.NO_PROXY;

    /** @throws IOException naming the proxy when the route cannot be opened */
    Proxy proxy() throws IOException;
}
