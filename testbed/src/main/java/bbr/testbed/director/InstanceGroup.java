package bbr.testbed.director;

import bbr.testbed.vm.Vm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An instance group of a deployment: its jobs and its instances, indexed 0..n-1 in declaration order. An errand group
 * ({@code lifecycle: errand}) has none: its VM exists only while the errand runs.
 */
public record InstanceGroup(String name, String vmType, List<String> azs, List<Job> jobs, List<Instance> instances,
        boolean errand) {

    public InstanceGroup {
        azs = List.copyOf(azs);
        jobs = List.copyOf(jobs);
        instances = List.copyOf(instances);
    }

    /** Collects an instance group's jobs and VMs; used inside {@link Deployment.Builder#instanceGroup}. */
    public static final class Builder {

        private final String name;
        private final List<Job> jobs = new ArrayList<>();
        private final List<Planned> planned = new ArrayList<>();
        private String az = "z1";
        private String vmType = "default";
        private boolean errand;

        Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder job(String job, String release) {
            return job(job, release, Map.of());
        }

        /** A job with manifest properties, e.g. {@link Job#backupOneRestoreAll()}. */
        public Builder job(String job, String release, Map<String, Object> properties) {
            jobs.add(new Job(job, release, properties));
            return this;
        }

        /**
         * An instance on this VM. When no instance of the group says whether it is bootstrap, the first one is, as
         * a Director always elects one per group; say {@code false} on every instance to have none.
         */
        public Builder instance(Vm vm) {
            planned.add(new Planned(vm, null, false));
            return this;
        }

        public Builder instance(Vm vm, boolean bootstrap) {
            planned.add(new Planned(vm, bootstrap, false));
            return this;
        }

        /** An instance on a Windows stemcell: bbr asks the VM {@code echo %OS%} and skips it (contract §2). */
        public Builder windowsInstance(Vm vm, boolean bootstrap) {
            planned.add(new Planned(vm, bootstrap, true));
            return this;
        }

        /** An errand group: the manifest plans one instance, {@code lifecycle: errand}, and no VM runs it now. */
        public Builder errand() {
            this.errand = true;
            return this;
        }

        public Builder az(String az) {
            this.az = az;
            return this;
        }

        public Builder vmType(String vmType) {
            this.vmType = vmType;
            return this;
        }

        InstanceGroup build() {
            boolean anyChosen = planned.stream().anyMatch(p -> p.bootstrap() != null);
            List<Instance> instances = new ArrayList<>();
            Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int index = 0; index < planned.size(); index++) {
                Planned p = planned.get(index);
                boolean bootstrap = anyChosen ? Boolean.TRUE.equals(p.bootstrap()) : index == 0;
                String id = UUID.randomUUID().toString();
                instances.add(new Instance(name, index, id, UUID.randomUUID().toString(), "vm-" + UUID.randomUUID(),
                        "disk-" + UUID.randomUUID(), p.vm(), bootstrap, p.windows(), az, created));
            }
            if (errand && !instances.isEmpty()) {
                throw new IllegalStateException("errand group " + name + " has no VMs to give instances");
            }
            return new InstanceGroup(name, vmType, List.of(az), jobs, instances, errand);
        }

        private record Planned(Vm vm, Boolean bootstrap, boolean windows) {
        }
    }
}
