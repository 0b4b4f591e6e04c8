#!/bin/bash
# PID 1 of one test-bed VM. Started by VmNamespace as
#   unshare --mount --pid --uts --fork --propagation private --mount-proc --kill-child vm-init.sh VM_DIR HOSTNAME
# so every mount below happens in the VM's own mount namespace and never reaches the host's.
set -euo pipefail
vm_dir=$1
vm_hostname=$2

# The VM's own /etc (users, sudoers, sshd config, host key): a copy of the host's in a tmpfs, because
# copying 1,200 files is ten times faster there than on disk, overlaid with the files the test bed
# prepared in etc-seed. The host reaches it as /proc/<init pid>/root/etc.
mount -t tmpfs -o mode=0755,size=64m testbed-etc "$vm_dir/etc"
cp -a /etc/. "$vm_dir/etc/"
rm -f "$vm_dir/etc/ssh/ssh_host_"*
cp -a "$vm_dir/etc-seed/." "$vm_dir/etc/"
mount --move "$vm_dir/etc" /etc

mount --bind "$vm_dir/home" /home

# /var/vcap does not exist on the host and must not be created there just to serve as a mount point.
# A writable layer over the host's /var (kept in a tmpfs that dies with the namespace) gives the VM its
# own /var, in which the mount point can be made.
mount -t tmpfs -o mode=0755,size=256m testbed-var "$vm_dir/var-layer"
mkdir "$vm_dir/var-layer/upper" "$vm_dir/var-layer/work"
mount -t overlay testbed-var -o "lowerdir=/var,upperdir=$vm_dir/var-layer/upper,workdir=$vm_dir/var-layer/work" /var
mkdir -p /var/vcap
mount --bind "$vm_dir/vcap" /var/vcap

# sshd needs /run/sshd (its privilege separation directory); sudo keeps its timestamps under /run.
mount -t tmpfs -o mode=0755,size=64m testbed-run /run
mkdir -m 0755 /run/sshd

# Last, because the VM directory itself lives under the host's /tmp.
mount --bind "$vm_dir/tmp" /tmp
chmod 1777 /tmp

# The UTS namespace's own host name, set without spawning hostname(1): every process costs at start.
echo "$vm_hostname" > /proc/sys/kernel/hostname
echo ready

# As PID 1, reap every orphan (sessions whose sshd was killed end up here). Stdin is a pipe from the JVM
# that runs the tests: when it closes, because the test bed tears down or the JVM died however hard,
# init exits and the kernel kills every process of the VM, so no VM outlives its test run.
# The VM directory is the last argument so that a later run can recognise a leftover init by its command line.
exec perl -MPOSIX=:sys_wait_h -e '
    $SIG{CHLD} = sub { };
    my $stdin = "";
    vec($stdin, fileno(STDIN), 1) = 1;
    while (1) {
        1 while waitpid(-1, WNOHANG) > 0;
        next if select(my $ready = $stdin, undef, undef, 1) <= 0;
        my $read = sysread(STDIN, my $buffer, 64);
        exit 0 if defined $read && $read == 0;
    }' -- "$vm_dir"
