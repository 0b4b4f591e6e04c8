package bbr.testbed.vm;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs a {@link VmFarm} for a test class (registered on a static field) or for each
 * test (registered on an instance field).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final VmFarmExtension VMS = VmFarmExtension.with(FarmOptions.vms(3));
 * ... VMS.vm(0).hostAndPort() ...
 * }</pre>
 */
public final class VmFarmExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private final FarmOptions options;
    private VmFarm farm;
    private boolean perTest;

    private VmFarmExtension(FarmOptions options) {
        this.options = options;
    }

    public static VmFarmExtension with(FarmOptions options) {
        return new VmFarmExtension(options);
    }

    public static VmFarmExtension withVms(int vmCount) {
        return with(FarmOptions.vms(vmCount));
    }

    public VmFarm farm() {
        if (farm == null) {
            throw new IllegalStateException("the VM farm runs only while a test of its class runs");
        }
        return farm;
    }

    public Vm vm(int index) {
        return farm().vm(index);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        farm = VmFarm.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeFarm();
    }

    // JUnit calls the *Each callbacks of a static field's extension too: a farm started in beforeAll is kept.
    @Override
    public void beforeEach(ExtensionContext context) {
        if (farm == null) {
            perTest = true;
            farm = VmFarm.start(options);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            closeFarm();
        }
    }

    private void closeFarm() {
        if (farm != null) {
            farm.close();
            farm = null;
        }
    }
}
