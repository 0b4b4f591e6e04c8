/**
 * A BOSH Director simulator for integration tests and a local sandbox: HTTPS with a generated CA, basic or UAA
 * client-credentials authentication, deployments bound to test-bed VMs, the task protocol, SSH setup and cleanup
 * that really create and remove users on the VMs, faults on demand and a request log. It follows
 * {@code shared/reference/director-api.md}; {@link bbr.testbed.director.DirectorSimulator} is the entry point.
 *
 * <p>Two places where a test bed on one machine needs more than a Director gives:
 * <ul>
 * <li>SSH port. A Director reports IPs only, and bbr dials {@code ip:22} unless the string holds exactly one
 *     ':'. A VM whose sshd is not on 22 is therefore reported as {@code "IP:PORT"}, in the SSH result's
 *     {@code ip} and in the VM info's {@code ips} alike (bootstrap detection matches one against the other), as
 *     bbr's own integration tests do. VM farms prefer port 22 on each 127.0.0.x address, so usually plain IPs.</li>
 * <li>Windows. bbr recognises a Windows VM by {@code echo %OS%} printing {@code Windows_NT}. For an instance
 *     flagged Windows, SSH setup installs the key with a forced command that answers that probe and runs every
 *     other command normally.</li>
 * </ul>
 */
package bbr.testbed.director;
