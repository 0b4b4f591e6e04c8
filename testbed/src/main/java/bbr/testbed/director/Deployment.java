package bbr.testbed.director;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A deployment the simulated Director manages: what {@code GET /deployments} lists, the manifest text it serves
 * and the instances behind VM infos and SSH sessions. Built with {@link #named(String)}.
 */
public record Deployment(String name, List<Release> releases, List<InstanceGroup> instanceGroups,
        List<String> teams, String cloudConfig, String manifest) {

    public Deployment {
        releases = List.copyOf(releases);
        instanceGroups = List.copyOf(instanceGroups);
        teams = List.copyOf(teams);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Every instance, group by group in manifest order. */
    public List<Instance> instances() {
        return instanceGroups.stream().flatMap(g -> g.instances().stream()).toList();
    }

    public Optional<InstanceGroup> instanceGroup(String group) {
        return instanceGroups.stream().filter(g -> g.name().equals(group)).findFirst();
    }

    /** The instance of {@code group} with this index. */
    public Instance instance(String group, int index) {
        return instanceGroup(group).map(InstanceGroup::instances).filter(list -> index < list.size())
                .map(list -> list.get(index))
                .orElseThrow(() -> new IllegalArgumentException("no instance " + group + "/" + index + " in " + name));
    }

    /** The distinct stemcells of the instances (an empty deployment still names the default one). */
    public List<Stemcell> stemcells() {
        Set<Stemcell> stemcells = new LinkedHashSet<>();
        instances().forEach(i -> stemcells.add(i.stemcell()));
        return stemcells.isEmpty() ? List.of(Stemcell.UBUNTU_JAMMY) : List.copyOf(stemcells);
    }

    /** Collects a deployment's releases and instance groups. */
    public static final class Builder {

        private final String name;
        private final List<Release> releases = new ArrayList<>();
        private final List<InstanceGroup.Builder> groups = new ArrayList<>();
        private final List<String> teams = new ArrayList<>();
        private String cloudConfig = "latest";
        private ManifestLayout layout = ManifestLayout.V2;
        private String manifestText;

        Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder release(String release) {
            return release(release, "1.0.0");
        }

        public Builder release(String release, String version) {
            releases.add(new Release(release, version));
            return this;
        }

        public Builder instanceGroup(String group, Consumer<InstanceGroup.Builder> definition) {
            InstanceGroup.Builder builder = new InstanceGroup.Builder(group);
            definition.accept(builder);
            groups.add(builder);
            return this;
        }

        /** Which schema the generated manifest uses; v2 unless told. */
        public Builder manifestLayout(ManifestLayout layout) {
            this.layout = layout;
            return this;
        }

        /** Serves this text as the manifest instead of one generated from the groups: for malformed manifests. */
        public Builder manifest(String yaml) {
            this.manifestText = yaml;
            return this;
        }

        public Builder team(String team) {
            teams.add(team);
            return this;
        }

        /** "latest", "outdated" or "none", as GET /deployments reports it (§6.1). */
        public Builder cloudConfig(String cloudConfig) {
            this.cloudConfig = cloudConfig;
            return this;
        }

        public Deployment build() {
            List<InstanceGroup> built = groups.stream().map(InstanceGroup.Builder::build).toList();
            Deployment draft = new Deployment(name, releases, built, teams, cloudConfig, "");
            String text = manifestText != null ? manifestText : ManifestWriter.write(draft, layout);
            return new Deployment(name, releases, built, teams, cloudConfig, text);
        }
    }
}
