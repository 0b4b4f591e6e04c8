package bbr.testbed.vm;

/** A JVM that starts a one-VM farm, reports it on stdout and waits to be killed: the crash of a test run. */
public final class FarmHolder {

    private FarmHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        VmFarm farm = VmFarm.start(1);
        Vm vm = farm.vm(0);
        System.out.println(vm.init().pid() + " " + vm.sshdListener().orElseThrow().pid() + " " + farm.runDirectory());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
