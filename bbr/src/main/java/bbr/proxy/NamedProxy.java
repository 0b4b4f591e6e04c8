package bbr.proxy;

import java.net.InetSocketAddress;
import java.net.Proxy;

/** A SOCKS proxy for Java sockets that names itself in messages as the operator configured it. */
public final class NamedProxy extends Proxy {

    private final String name;

    public NamedProxy(InetSocketAddress address, String name) {
        super(Type.SOCKS, address);
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
