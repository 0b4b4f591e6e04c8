/**
 * A test bed of simulated BOSH VMs on this machine, for integration tests that run the real {@code bbr}.
 *
 * <p>Each {@link bbr.testbed.vm.Vm} is a real OpenSSH {@code sshd} with real {@code sudo}, running in
 * its own Linux mount, PID and UTS namespaces with a private {@code /etc} (its own users), {@code /home},
 * {@code /var/vcap}, {@code /run} and {@code /tmp}, listening on its own loopback address. A
 * {@link bbr.testbed.vm.VmFarm} starts several of them in parallel and tears them down without leaving
 * a process, a mount or a directory behind. Needs root, {@code openssh-server}, {@code sudo},
 * util-linux and perl (Debian's {@code perl-base} is always there).
 */
package bbr.testbed.vm;
