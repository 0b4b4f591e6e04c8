package bbr.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import bbr.artifact.ArtifactName;
import bbr.artifact.BackupMetadata;
import bbr.artifact.ChecksumSet;
import bbr.artifact.ChecksumSink;
import bbr.artifact.ChecksumSpill;
import bbr.artifact.Fingerprint;
import bbr.artifact.MetadataReader;
import bbr.artifact.MetadataWriter;
import bbr.artifact.Scratch;
import bbr.artifact.SpilledChecksums;
import bbr.testbed.goyaml.GoOracle;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bbr's metadata against the original's own YAML library (yaml.v2 v2.4.0 with the original's structs, run as a Go
 * program): for the same content both write the same bytes, each reads what the other wrote, over thousands of
 * names of every awkward shape. Where yaml.v2's key order is not consistent for a set, yaml.v2 itself writes it
 * differently from run to run: there only the reading back is compared.
 */
class MetadataAgainstYamlV2Test {

    @TempDir
    Path dir;

    @Test
    void sameContent_sameBytes_andEachReadsTheOther() throws Exception {
        Random random = new Random(17);
        int compared = 0;
        for (int trial = 0; trial < 120; trial++) {
            List<List<byte[]>> sets = new ArrayList<>();
            for (int artifact = 0; artifact < 2; artifact++) {
                sets.add(new NameShapes(trial * 31L + artifact).set(random.nextInt(25)));
            }
            BackupMetadata ours = metadata(sets);
            String written = MetadataWriter.text(ours);
            String theirs = GoOracle.run("marshal", json(sets).getBytes(StandardCharsets.UTF_8));
            if (!theirs.equals("NONDETERMINISTIC\n")) {
                assertThat(written).as("trial " + trial).isEqualTo(theirs);
                compared++;
                Path file = Files.writeString(dir.resolve("theirs-" + trial), theirs);
                assertThat(entries(MetadataReader.read(file))).as("we read yaml.v2's, trial " + trial)
                        .isEqualTo(expected(sets));
            }
            JsonObject read = new Gson().fromJson(GoOracle.run("unmarshal",
                    written.getBytes(StandardCharsets.UTF_8)), JsonObject.class);
            assertThat(goEntries(read)).as("yaml.v2 reads ours, trial " + trial).isEqualTo(expected(sets));
        }
        assertThat(compared).as("trials whose bytes could be compared").isGreaterThan(60);
    }

    @Test
    void theIssuesHexDirectories_comeOutInYamlV2sOrder() throws Exception {
        // The issue expected ./01, ./0a, ./02; yaml.v2 v2.4.0 itself writes ./01, ./02, ./0a.
        List<byte[]> names = List.of(bytes("./0a/a"), bytes("./02/a"), bytes("./01/a"), bytes("./A/a"),
                bytes("./a/a"), bytes("./é/a"), bytes("./z9/a"), bytes("./z10/a"), bytes("./z010/a"),
                bytes("./file10"), bytes("./file2"));
        String theirs = GoOracle.run("marshal", json(List.of(names)).getBytes(StandardCharsets.UTF_8));
        assertThat(MetadataWriter.text(metadata(List.of(names)))).isEqualTo(theirs);
        assertThat(theirs).contains("./01/a: s2\n      ./02/a: s1\n      ./0a/a: s0\n");
    }

    @Test
    void aBlobstoresHexDirectories_yamlV2sOwnOrderVariesFromRunToRun_oursDoesNotAndYamlV2ReadsIt() throws Exception {
        List<byte[]> names = new ArrayList<>();
        for (int i = 255; i >= 0; i--) {
            names.add(bytes(String.format("./%02x/blob", i)));
        }
        assertThat(GoOracle.run("marshal", json(List.of(names)).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("NONDETERMINISTIC\n");
        String written = MetadataWriter.text(metadata(List.of(names)));
        assertThat(MetadataWriter.text(metadata(List.of(names)))).isEqualTo(written);
        JsonObject read = new Gson().fromJson(GoOracle.run("unmarshal", written.getBytes(StandardCharsets.UTF_8)),
                JsonObject.class);
        assertThat(goEntries(read)).hasSize(256);
    }

    @Test
    void storedFileKeys_areIgnoredByTheOriginalsReader() throws Exception {
        String text = """
                instances:
                - name: bosh
                  index: "0"
                  artifacts:
                  - name: db
                    checksums:
                      ./dump.sql: aa
                    stored:
                      file: bosh-0-db.tar.zst.age
                      encoding: zstd+age
                      size: 123456
                      sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                backup_activity:
                  start_time: 2026/11/27 00:15:00 UTC
                manifest:
                  file: manifest.yml.age
                  encoding: age
                  size: 2048
                  sha256: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                """;
        JsonObject read = new Gson().fromJson(GoOracle.run("unmarshal", text.getBytes(StandardCharsets.UTF_8)),
                JsonObject.class);
        assertThat(goEntries(read)).containsExactly("db " + Base64.getEncoder().encodeToString(bytes("./dump.sql"))
                + " aa");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static BackupMetadata metadata(List<List<byte[]>> sets) {
        BackupMetadata metadata = new BackupMetadata();
        metadata.setStartTime("2026/11/27 00:15:00 UTC");
        for (int i = 0; i < sets.size(); i++) {
            metadata.record(ArtifactName.ofInstance("redis", "0", "job" + i), new Listed(sets.get(i)));
        }
        metadata.setFinishTime("2026/11/27 00:16:40 UTC");
        return metadata;
    }

    private static String json(List<List<byte[]>> sets) {
        JsonObject root = new JsonObject();
        JsonArray artifacts = new JsonArray();
        for (int i = 0; i < sets.size(); i++) {
            JsonObject artifact = new JsonObject();
            artifact.addProperty("name", "job" + i);
            JsonArray sums = new JsonArray();
            for (int k = 0; k < sets.get(i).size(); k++) {
                JsonArray pair = new JsonArray();
                pair.add(Base64.getEncoder().encodeToString(sets.get(i).get(k)));
                pair.add("s" + k);
                sums.add(pair);
            }
            artifact.add("checksums", sums);
            artifacts.add(artifact);
        }
        JsonObject instance = new JsonObject();
        instance.addProperty("name", "redis");
        instance.addProperty("index", "0");
        instance.add("artifacts", artifacts);
        JsonArray instances = new JsonArray();
        instances.add(instance);
        root.add("instances", instances);
        root.addProperty("start_time", "2026/11/27 00:15:00 UTC");
        root.addProperty("finish_time", "2026/11/27 00:16:40 UTC");
        return root.toString();
    }

    /** artifact name + base64 file name + sum, for set comparison. */
    private static Set<String> expected(List<List<byte[]>> sets) {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < sets.size(); i++) {
            for (int k = 0; k < sets.get(i).size(); k++) {
                all.add("job" + i + " " + Base64.getEncoder().encodeToString(sets.get(i).get(k)) + " s" + k);
            }
        }
        return all;
    }

    private static Set<String> entries(BackupMetadata metadata) throws Exception {
        Set<String> all = new HashSet<>();
        for (var instance : metadata.instances()) {
            for (var artifact : instance.artifacts()) {
                artifact.checksums().replay((name, sum) -> all.add(artifact.name() + " "
                        + Base64.getEncoder().encodeToString(name) + " " + new String(sum, StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    private static Set<String> goEntries(JsonObject read) {
        Set<String> all = new HashSet<>();
        for (JsonElement instance : read.getAsJsonArray("instances")) {
            for (JsonElement artifact : instance.getAsJsonObject().getAsJsonArray("artifacts")) {
                String name = artifact.getAsJsonObject().get("name").getAsString();
                for (JsonElement pair : artifact.getAsJsonObject().getAsJsonArray("checksums")) {
                    all.add(name + " " + pair.getAsJsonArray().get(0).getAsString() + " "
                            + pair.getAsJsonArray().get(1).getAsString());
                }
            }
        }
        return all;
    }

    /** Names given in a list, sorted by bbr's own spill as a backup sorts them. */
    static final class Listed implements ChecksumSet {
        private final SpilledChecksums sorted;

        Listed(List<byte[]> names) {
            ChecksumSpill spill = new ChecksumSpill(new Scratch(Path.of(System.getProperty("java.io.tmpdir"))),
                    bbr.artifact.goyaml.GoKeyOrder.INSTANCE);
            try {
                for (int k = 0; k < names.size(); k++) {
                    spill.accept(names.get(k), ("s" + k).getBytes(StandardCharsets.US_ASCII));
                }
                sorted = spill.finish();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public Fingerprint fingerprint() {
            return sorted.fingerprint();
        }

        @Override
        public void replay(ChecksumSink sink) throws java.io.IOException {
            sorted.replay(sink);
        }
    }
}
