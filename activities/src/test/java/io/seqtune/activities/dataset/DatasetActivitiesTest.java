package io.seqtune.activities.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.activities.ActivityFailures;
import io.seqtune.chem.Molecules;
import io.seqtune.core.TrainingMetrics;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.DataSpec;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.core.store.StoreSettings;
import io.seqtune.devstack.EmbeddedS3Server;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetActivitiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Drug-like and small molecules with their PubChem-style names; the paper's curation removes the
   * small ones.
   */
  private static final String MOLECULES =
      """
      CC(=O)OC1=CC=CC=C1C(=O)O\t2-acetyloxybenzoic acid
      CC(C)CC1=CC=C(C=C1)C(C)C(=O)O\t2-[4-(2-methylpropyl)phenyl]propanoic acid
      C[C@@H](C1=CC2=C(C=C1)C=C(C=C2)OC)C(=O)O\t(2S)-2-(6-methoxynaphthalen-2-yl)propanoic acid
      C[C@@H]1CC[C@H]([C@@H](C1)O)C(C)C\t(1R,2S,5R)-5-methyl-2-propan-2-ylcyclohexan-1-ol
      CN1CCC[C@H]1C2=CN=CC=C2\t3-[(2S)-1-methylpyrrolidin-2-yl]pyridine
      CC1=CC[C@H](CC1=O)C(=C)C\t(5R)-2-methyl-5-prop-1-en-2-ylcyclohex-2-en-1-one
      CCO\tethanol
      C1CC(\tbroken ring
      CCN(CC)CC(=O)NC1=C(C)C=CC=C1C\t2-(diethylamino)-N-(2,6-dimethylphenyl)acetamide
      CNCCC(C1=CC=CC=C1)OC2=CC=C(C=C2)C(F)(F)F\tN-methyl-3-phenyl-3-[4-(trifluoromethyl)phenoxy]propan-1-amine
      CC(C)(C)NCC(C1=CC(=C(C=C1)O)CO)O\t4-[2-(tert-butylamino)-1-hydroxyethyl]-2-(hydroxymethyl)phenol
      COC1=C(C=CC(=C1)CNC(=O)CCCC/C=C/C(C)C)O\t(E)-N-[(4-hydroxy-3-methoxyphenyl)methyl]-8-methylnon-6-enamide
      CC1=CC[C@@H](CC1)C(=C)C\t(4R)-1-methyl-4-prop-1-en-2-ylcyclohexene
      C[C@]12CC[C@H]3[C@H]([C@@H]1CC[C@@H]2O)CCC4=CC(=O)CC[C@]34C\t(8R,9S,10R,13S,14S,17S)-17-hydroxy-10,13-dimethyl-1,2,6,7,8,9,11,12,14,15,16,17-dodecahydrocyclopenta[a]phenanthren-3-one
      CC1([C@@H](N2[C@H](S1)[C@@H](C2=O)NC(=O)CC3=CC=CC=C3)C(=O)O)C\t(2S,5R,6R)-3,3-dimethyl-7-oxo-6-[(2-phenylacetyl)amino]-4-thia-1-azabicyclo[3.2.0]heptane-2-carboxylic acid
      C([C@@H]1[C@H]([C@@H]([C@H]([C@@H](O1)O)O)O)O)O\t(2R,3R,4S,5S,6R)-6-(hydroxymethyl)oxane-2,3,4,5-tetrol
      COC1=CC2=C(C=CN=C2C=C1)[C@H]([C@@H]3C[C@@H]4CCN3C[C@@H]4C=C)O\t(R)-[(2S,4S,5R)-5-ethenyl-1-azabicyclo[2.2.2]octan-2-yl]-(6-methoxyquinolin-4-yl)methanol
      CC(=O)CC(C1=CC=CC=C1)C2=C(C3=CC=CC=C3OC2=O)O\t4-hydroxy-3-(3-oxo-1-phenylbutyl)chromen-2-one
      C[C@@H](C1=CC=C(C=C1)CC(C)C)C(=O)O\t(2S)-2-[4-(2-methylpropyl)phenyl]propanoic acid
      C1CC(=O)NC(=O)C1N2C(=O)C3=CC=CC=C3C2=O\t2-(2,6-dioxopiperidin-3-yl)isoindole-1,3-dione
      CC1([C@@H]2CC[C@]1(C(=O)C2)C)C\t(1R,4R)-1,7,7-trimethylbicyclo[2.2.1]heptan-2-one
      CNC[C@@H](C1=CC(=C(C=C1)O)O)O\t4-[(1R)-1-hydroxy-2-(methylamino)ethyl]benzene-1,2-diol
      CC(=O)NCCC1=CNC2=C1C=C(C=C2)OC\tN-[2-(5-methoxy-1H-indol-3-yl)ethyl]acetamide
      CN(C)CCOC(C1=CC=CC=C1)C2=CC=CC=C2\t2-benzhydryloxy-N,N-dimethylethanamine
      C[C@]12CC[C@H]3[C@H]([C@@H]1CC[C@@H]2O)CCC4=C3C=CC(=C4)O\t(8R,9S,13S,14S,17S)-13-methyl-6,7,8,9,11,12,14,15,16,17-decahydrocyclopenta[a]phenanthrene-3,17-diol
      C[C@@H]([C@@H](C1=CC=CC=C1)O)NC\t(1R,2S)-2-(methylamino)-1-phenylpropan-1-ol
      C[C@H](CS)C(=O)N1CCC[C@H]1C(=O)O\t(2S)-1-[(2S)-2-methyl-3-sulfanylpropanoyl]pyrrolidine-2-carboxylic acid
      C1=CC(=CC=C1[C@H]([C@@H](CO)NC(=O)C(Cl)Cl)O)[N+](=O)[O-]\t2,2-dichloro-N-[(1R,2R)-1,3-dihydroxy-1-(4-nitrophenyl)propan-2-yl]acetamide
      CC(C)NCC(COC1=CC=CC2=CC=CC=C21)O\t1-naphthalen-1-yloxy-3-(propan-2-ylamino)propan-2-ol
      CC1=C(C(=O)N(N1C)C2=CC=CC=C2)N(C)C\t4-(dimethylamino)-1,5-dimethyl-2-phenylpyrazol-3-one
      CN1C2CCC1C(C(C2)OC(=O)C3=CC=CC=C3)C(=O)OC\tmethyl 3-benzoyloxy-8-methyl-8-azabicyclo[3.2.1]octane-4-carboxylate
      """;

  @TempDir static Path s3Dir;
  @TempDir static Path workDir;
  static EmbeddedS3Server s3;
  static ObjectStore store;
  static TestActivityEnvironment temporal;
  static DatasetActivities stub;

  @BeforeAll
  static void start() {
    s3 = EmbeddedS3Server.start(0, s3Dir, "key", "secret");
    store =
        new ObjectStore(new StoreSettings(s3.endpoint(), "key", "secret", "test")).ensureBucket();
    temporal = TestActivityEnvironment.newInstance();
    temporal.registerActivitiesImplementations(
        new DatasetActivitiesImpl(new WorkerContext(store, workDir, TrainingMetrics.unexported())));
    stub =
        temporal.newActivityStub(
            DatasetActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  /**
   * Runs {@code BuildDataset} as a Temporal activity attempt (its own scratch directory, heartbeat
   * context) and throws what the workflow would see inside the activity failure.
   */
  private static DatasetRef buildDataset(PipelineSpec spec) {
    try {
      return stub.buildDataset(spec);
    } catch (ActivityFailure e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @AfterAll
  static void stop() {
    temporal.close();
    store.close();
    s3.close();
  }

  private static PipelineSpec spec(String task, DataSpec data) {
    return new PipelineSpec(task, null, data, null, null, null, null, null, null)
        .withDefaults()
        .validate();
  }

  private static DataSpec data(
      String source,
      Integer size,
      String path,
      String namesPath,
      String inputColumn,
      String outputColumn,
      Boolean curate) {
    return new DataSpec(
        source,
        size,
        11L,
        path,
        namesPath,
        inputColumn,
        outputColumn,
        null,
        null,
        0.2,
        0.2,
        curate,
        null);
  }

  @Test
  void syntheticDatasetIsStoredInTheTrainersFormAndReused() throws IOException {
    PipelineSpec spec = spec("smiles2iupac", data("synthetic", 60, null, null, null, null, null));
    DatasetRef built = buildDataset(spec);
    assertThat(built.reused()).isFalse();
    assertThat(built.key()).startsWith("smiles2iupac-ds-");
    assertThat(built.train() + built.validation() + built.test()).isEqualTo(60);
    assertThat(built.train()).isPositive();
    assertThat(built.test()).isPositive();
    assertThat(store.list(StoreLayout.dataset(built.key())))
        .containsExactlyInAnyOrder(
            StoreLayout.dataset(built.key()) + "manifest.json",
            StoreLayout.dataset(built.key()) + "train.jsonl",
            StoreLayout.dataset(built.key()) + "val.jsonl",
            StoreLayout.dataset(built.key()) + "test.jsonl",
            StoreLayout.dataset(built.key()) + "quarantine.jsonl");

    Path local = DatasetFiles.local(store, built.key(), workDir.resolve("cache"));
    List<Example> train = DatasetFiles.split(local, DatasetFiles.TRAIN);
    assertThat(train).hasSize(built.train());
    assertThat(DatasetFiles.split(local, DatasetFiles.VALIDATION)).hasSize(built.validation());
    assertThat(DatasetFiles.split(local, DatasetFiles.TEST)).hasSize(built.test());
    Example first = train.get(0);
    assertThat(Molecules.canonicalSmiles(first.input())).isEqualTo(first.input());
    assertThat(first.output()).matches(".*[a-z]{3,}.*");
    assertNoStructureInTwoSplits(local);

    DatasetRef again = buildDataset(spec);
    assertThat(again.reused()).isTrue();
    assertThat(again).usingRecursiveComparison().ignoringFields("reused").isEqualTo(built);

    DatasetRef reversed =
        buildDataset(spec("iupac2smiles", data("synthetic", 60, null, null, null, null, null)));
    assertThat(reversed.key()).startsWith("iupac2smiles-").isNotEqualTo(built.key());
    List<Example> reversedTrain =
        DatasetFiles.split(
            DatasetFiles.local(store, reversed.key(), workDir.resolve("cache")),
            DatasetFiles.TRAIN);
    assertThat(reversedTrain).contains(new Example(first.output(), first.input()));
  }

  @Test
  void textTaskReadsACsvAndSplitsByInputText(@TempDir Path tmp) throws IOException {
    StringBuilder csv = new StringBuilder("id,input,output\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(",hello ").append(i).append(",\"HELLO, ").append(i).append("\"\n");
    }
    csv.append("40,hello 7,another answer for seven\n");
    csv.append("41,too,many,fields\n");
    Path file = Files.writeString(tmp.resolve("pairs.csv"), csv);

    DatasetRef ref =
        buildDataset(spec("text", data("file", null, file.toString(), null, null, null, null)));
    assertThat(ref.key()).startsWith("text-ds-");
    assertThat(ref.train() + ref.validation() + ref.test()).isEqualTo(41);
    assertThat(ref.removedByRule()).containsEntry("malformed_row", 1);

    Path local = DatasetFiles.local(store, ref.key(), workDir.resolve("cache"));
    Map<String, Set<String>> inputsBySplit = new HashMap<>();
    for (String split : List.of(DatasetFiles.TRAIN, DatasetFiles.VALIDATION, DatasetFiles.TEST)) {
      Set<String> inputs = new HashSet<>();
      DatasetFiles.split(local, split).forEach(e -> inputs.add(e.input()));
      inputsBySplit.put(split, inputs);
    }
    assertDisjoint(inputsBySplit);
    List<Example> all = new ArrayList<>();
    for (String split : inputsBySplit.keySet()) {
      all.addAll(DatasetFiles.split(local, split));
    }
    assertThat(all)
        .contains(
            new Example("hello 3", "HELLO, 3"), new Example("hello 7", "another answer for seven"));
    List<String> quarantine = Files.readAllLines(local.resolve("quarantine.jsonl"));
    assertThat(quarantine).hasSize(1);
    assertThat(JSON.readTree(quarantine.get(0)).get("line").asInt()).isEqualTo(43);

    // data.size keeps the first pairs of the file (a sweep's smaller sizes), under a key of its
    // own.
    DatasetRef first20 =
        buildDataset(spec("text", data("file", 20, file.toString(), null, null, null, null)));
    assertThat(first20.key()).isNotEqualTo(ref.key());
    assertThat(first20.train() + first20.validation() + first20.test()).isEqualTo(20);
    Path cut = DatasetFiles.local(store, first20.key(), workDir.resolve("cache"));
    Set<String> kept = new HashSet<>();
    for (String split : List.of(DatasetFiles.TRAIN, DatasetFiles.VALIDATION, DatasetFiles.TEST)) {
      DatasetFiles.split(cut, split).forEach(e -> kept.add(e.input()));
    }
    assertThat(kept)
        .isEqualTo(IntStream.range(0, 20).mapToObj(i -> "hello " + i).collect(Collectors.toSet()));
  }

  @Test
  void pubchemPairIsCuratedWithBadRowsQuarantinedAndCountedByRule(@TempDir Path tmp)
      throws IOException {
    List<String> smiles = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int cid = 100;
    for (String line : MOLECULES.strip().split("\n")) {
      String[] pair = line.strip().split("\t");
      cid += 3;
      smiles.add(cid + "\t" + pair[0]);
      names.add(cid + "\t" + pair[1]);
    }
    smiles.add(5, "not-a-cid-line");
    names.add(cid + 1 + "\tname without a structure");
    Path cidSmiles = gzip(tmp.resolve("CID-SMILES.gz"), smiles);
    Path cidIupac = gzip(tmp.resolve("CID-IUPAC.gz"), names);

    DatasetRef ref =
        buildDataset(
            spec(
                "smiles2iupac",
                data(
                    "pubchem", null, cidSmiles.toString(), cidIupac.toString(), null, null, true)));
    assertThat(ref.removedByRule())
        .containsEntry("malformed_row", 1)
        .containsEntry("invalid_smiles", 1)
        .containsEntry("nitro", 1)
        .containsEntry("duplicate_structure", 0);
    assertThat(ref.removedByRule().get("molecular_weight")).isPositive();
    int removed = ref.removedByRule().values().stream().mapToInt(Integer::intValue).sum();
    assertThat(ref.train() + ref.validation() + ref.test() + removed).isEqualTo(smiles.size());
    assertThat(ref.train()).isPositive();
    assertThat(ref.test()).isPositive();

    ArtifactManifest manifest = store.manifest(StoreLayout.dataset(ref.key())).orElseThrow();
    assertThat(manifest.meta()).containsEntry("curation_rules", "paper").containsKey("inputs");
    assertThat(((Map<?, ?>) manifest.meta().get("curation")).get("unmatched_ids")).isEqualTo(1);
    assertThat(manifest.files())
        .containsKeys("train.jsonl", "val.jsonl", "test.jsonl", "quarantine.jsonl");

    Path local = DatasetFiles.local(store, ref.key(), workDir.resolve("cache"));
    assertNoStructureInTwoSplits(local);
    List<JsonNode> quarantine = new ArrayList<>();
    for (String line : Files.readAllLines(local.resolve("quarantine.jsonl"))) {
      quarantine.add(JSON.readTree(line));
    }
    assertThat(quarantine).hasSize(removed);
    JsonNode malformed =
        quarantine.stream()
            .filter(q -> q.get("rule").asText().equals("malformed_row"))
            .findFirst()
            .orElseThrow();
    assertThat(malformed.get("source").asText()).isEqualTo("CID-SMILES.gz");
    assertThat(malformed.get("line").asInt()).isEqualTo(6);

    DatasetRef again =
        buildDataset(
            spec(
                "smiles2iupac",
                data(
                    "pubchem", null, cidSmiles.toString(), cidIupac.toString(), null, null, true)));
    assertThat(again.reused()).isTrue();
  }

  @Test
  void missingColumnFailsWithoutRetryAndUploadsNothing(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("molecules.csv"), "smiles,name\nCCO,ethanol\n");
    List<String> before = store.list("datasets/");
    assertThatThrownBy(
            () ->
                buildDataset(
                    spec(
                        "smiles2iupac",
                        data("file", null, file.toString(), null, null, null, null))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(ActivityFailures.INVALID_DATASET);
              assertThat(f.getOriginalMessage())
                  .contains("molecules.csv", "'iupac'", "[smiles, name]");
            });
    assertThat(store.list("datasets/")).isEqualTo(before);
  }

  @Test
  void truncatedGzipOrMissingFileFailsWithoutRetry(@TempDir Path tmp) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      lines.add(i + "\tC" + "C".repeat(i % 9) + "O");
    }
    byte[] whole = Files.readAllBytes(gzip(tmp.resolve("whole.gz"), lines));
    Path truncated =
        Files.write(tmp.resolve("CID-SMILES.gz"), Arrays.copyOf(whole, whole.length / 2));
    Path names = gzip(tmp.resolve("CID-IUPAC.gz"), List.of("1\tethanol"));
    assertThatThrownBy(
            () ->
                buildDataset(
                    spec(
                        "smiles2iupac",
                        data(
                            "pubchem",
                            null,
                            truncated.toString(),
                            names.toString(),
                            null,
                            null,
                            null))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(ActivityFailures.INVALID_DATASET);
              assertThat(f.getOriginalMessage()).contains("CID-SMILES.gz is truncated after line");
            });

    Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
    assertThatThrownBy(
            () ->
                buildDataset(
                    spec("text", data("file", null, empty.toString(), null, null, null, null))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).contains("empty.csv is empty");
            });

    String missing = tmp.resolve("nowhere.csv").toString();
    assertThatThrownBy(
            () -> buildDataset(spec("text", data("file", null, missing, null, null, null, null))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(ActivityFailures.INVALID_SPEC);
              assertThat(f.getOriginalMessage()).contains("data.path", "nowhere.csv");
            });
  }

  private static void assertNoStructureInTwoSplits(Path local) throws IOException {
    Map<String, Set<String>> keysBySplit = new HashMap<>();
    for (String split : List.of(DatasetFiles.TRAIN, DatasetFiles.VALIDATION, DatasetFiles.TEST)) {
      Set<String> keys = new HashSet<>();
      for (String line : Files.readAllLines(local.resolve(split + ".jsonl"))) {
        String key = JSON.readTree(line).get("inchi_key").asText();
        assertThat(key).hasSize(27);
        keys.add(key);
      }
      keysBySplit.put(split, keys);
    }
    assertDisjoint(keysBySplit);
  }

  private static void assertDisjoint(Map<String, Set<String>> bySplit) {
    List<String> splits = List.copyOf(bySplit.keySet());
    for (int i = 0; i < splits.size(); i++) {
      for (int j = i + 1; j < splits.size(); j++) {
        Set<String> both = new HashSet<>(bySplit.get(splits.get(i)));
        both.retainAll(bySplit.get(splits.get(j)));
        assertThat(both).as("keys in both %s and %s", splits.get(i), splits.get(j)).isEmpty();
      }
    }
  }

  private static Path gzip(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
