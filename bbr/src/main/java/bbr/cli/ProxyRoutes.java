package bbr.cli;

import bbr.concurrent.Daemons;
import bbr.log.Logger;
import bbr.proxy.AllProxy;
import bbr.proxy.ProxyRoute;
import bbr.ssh.HostKeyPolicy;
import bbr.ssh.JumpboxTunnel;
import bbr.ssh.KnownHosts;
import bbr.ssh.SshSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Proxy;

/** Turns {@code BOSH_ALL_PROXY} into the route every connection of the run takes. */
final class ProxyRoutes {

    private ProxyRoutes() {
    }

    /**
     * @param knownHosts the jumpbox's host key is checked against them (unused without a jumpbox, may be null then)
     * @param logger     told which jumpbox host key was accepted
     */
    static ProxyRoute of(AllProxy configured, KnownHosts knownHosts, Logger logger) {
        if (configured == null) {
            return ProxyRoute.DIRECT;
        }
        if (configured instanceof AllProxy.Socks socks) {
            Proxy proxy = socks.javaProxy();
            return () -> proxy;
        }
        return new Tunnelled((AllProxy.Jumpbox) configured, knownHosts.policy("the jumpbox ", logger));
    }

    /**
     * Opens the jumpbox tunnel on first use and keeps it for the rest of the run, like the original's cached dialer.
     * A failure is remembered too, so ten deployments at once do not each wait for the same dead jumpbox.
     */
    private static final class Tunnelled implements ProxyRoute {

        private static final long CLOSE_WAIT_MILLIS = 2000;

        private final AllProxy.Jumpbox jumpbox;
        private final HostKeyPolicy hostKeys;
        private Proxy proxy;
        private IOException failure;

        Tunnelled(AllProxy.Jumpbox jumpbox, HostKeyPolicy hostKeys) {
            this.jumpbox = jumpbox;
            this.hostKeys = hostKeys;
        }

        @Override
        public synchronized Proxy proxy() throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (proxy == null) {
                try {
                    JumpboxTunnel tunnel = JumpboxTunnel.open(jumpbox, SshSettings.configured(), hostKeys);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(tunnel), "bbr-jumpbox-close"));
                    proxy = tunnel.proxy();
                } catch (IOException e) {
                    failure = e;
                    throw e;
                }
            }
            return proxy;
        }

        /** Says goodbye to the jumpbox, but never holds up bbr's exit by more than a moment. */
        private static void closeQuietly(JumpboxTunnel tunnel) {
            Thread closing = Daemons.start(() -> {
                try {
                    tunnel.close();
                } catch (IOException | UncheckedIOException ignored) {
                    // the process is exiting; the jumpbox drops the connection on its own
                }
            }, "bbr-jumpbox-closing");
            try {
                closing.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
