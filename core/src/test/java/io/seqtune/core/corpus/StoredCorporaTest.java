package io.seqtune.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.TrainingMetrics;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.StoredDatasets;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.LoopbackS3;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pretraining corpora on a real S3 server on loopback, from a synthetic chemistry dataset whose
 * molecules the corpus sources are made to contain: none of the validation or test molecules may
 * reach the corpus, as SMILES or as name.
 */
class StoredCorporaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final LoopbackS3 S3 = new LoopbackS3("corpus-test");
  @TempDir static Path dir;
  static WorkerContext context;
  static String datasetKey;
  static Path dataset;

  @BeforeAll
  static void buildDataset() throws IOException {
    context = new WorkerContext(S3.store(), dir.resolve("work"), TrainingMetrics.unexported());
    datasetKey =
        new StoredDatasets(context).buildOrReuse(spec("{}"), dir.resolve("dataset-build")).key();
    dataset = DatasetFiles.local(S3.store(), datasetKey, dir.resolve("dataset"));
  }

  /** A 150-molecule synthetic dataset (seed 3) with the given pretraining section. */
  private static PipelineSpec spec(String pretrain) throws IOException {
    return JSON.readValue(
            """
            {"task":"smiles2iupac","data":{"size":150,"seed":3,"valFraction":0.1,"testFraction":0.1},
             "pretrain":%s}"""
                .formatted(pretrain),
            PipelineSpec.class)
        .withDefaults()
        .validate();
  }

  @Test
  void syntheticTextsOfTheDatasetsOwnMoleculesKeepTheTrainingOnesAndLeaveOutEveryHeldOutOne()
      throws IOException {
    // The dataset's generator and seed: the corpus draws the dataset's molecules themselves.
    PipelineSpec spec = spec("{\"source\":\"synthetic\",\"size\":300,\"seed\":3}");

    CorpusRef corpus = new StoredCorpora(context).buildOrReuse(spec, datasetKey, dir.resolve("a"));

    List<JsonNode> rows = rows(corpus.key());
    assertThat(corpus.excluded()).isPositive().isEven();
    assertThat(rows).hasSize(corpus.train() + corpus.validation());
    assertThat(corpus.train() + corpus.validation() + corpus.excluded()).isEqualTo(300);
    assertNoHeldOutAnswer(rows);
    Set<String> trainKeys = keys(DatasetFiles.TRAIN);
    assertThat(rows)
        .filteredOn(r -> trainKeys.contains(r.path("inchi_key").asText()))
        .hasSizeGreaterThan(200);
    assertThat(new StoredCorpora(context).buildOrReuse(spec, datasetKey, dir.resolve("b")))
        .isEqualTo(
            new CorpusRef(
                corpus.key(), corpus.train(), corpus.validation(), corpus.excluded(), true));
  }

  @Test
  void aPubChemStyleFileLosesEveryLineThatNamesAHeldOutMoleculeAsSmilesOrAsName()
      throws IOException {
    List<String> lines = new ArrayList<>();
    int heldOut = 0;
    int cid = 1;
    for (String split : List.of(DatasetFiles.TRAIN, DatasetFiles.VALIDATION, DatasetFiles.TEST)) {
      for (JsonNode row : split(split)) {
        lines.add(cid++ + "\t" + row.get("input").asText());
        lines.add(cid++ + "\t" + row.get("output").asText());
        heldOut += split.equals(DatasetFiles.TRAIN) ? 0 : 2;
      }
    }
    lines.add(cid + "\tnot a molecule at all");
    Path file = dir.resolve("CID-texts.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }
    PipelineSpec spec =
        spec("{\"source\":\"file\",\"path\":\"" + file + "\",\"size\":" + lines.size() + "}");

    CorpusRef corpus = new StoredCorpora(context).buildOrReuse(spec, datasetKey, dir.resolve("c"));

    assertThat(corpus.excluded()).isEqualTo(heldOut);
    assertThat(corpus.train() + corpus.validation()).isEqualTo(lines.size() - heldOut);
    List<JsonNode> rows = rows(corpus.key());
    assertNoHeldOutAnswer(rows);
    assertThat(rows).extracting(r -> r.get("input").asText()).contains("not a molecule at all");
  }

  private static void assertNoHeldOutAnswer(List<JsonNode> rows) {
    Set<String> heldOutKeys = keys(DatasetFiles.VALIDATION);
    heldOutKeys.addAll(keys(DatasetFiles.TEST));
    Set<String> heldOutTexts = new HashSet<>();
    for (String split : List.of(DatasetFiles.VALIDATION, DatasetFiles.TEST)) {
      for (JsonNode row : split(split)) {
        heldOutTexts.add(row.get("input").asText());
        heldOutTexts.add(row.get("output").asText());
      }
    }
    assertThat(heldOutKeys).isNotEmpty();
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(heldOutKeys).doesNotContain(r.path("inchi_key").asText());
              assertThat(heldOutTexts).doesNotContain(r.get("input").asText());
            });
  }

  private static Set<String> keys(String split) {
    Set<String> keys = new HashSet<>();
    split(split).forEach(r -> keys.add(r.get("inchi_key").asText()));
    return keys;
  }

  private static List<JsonNode> split(String split) {
    return lines(dataset.resolve(split + ".jsonl"));
  }

  private static List<JsonNode> rows(String corpusKey) {
    Path local = dir.resolve("corpora").resolve(corpusKey);
    S3.store().downloadDirectory(StoreLayout.corpus(corpusKey), local);
    List<JsonNode> rows = new ArrayList<>(lines(local.resolve(DatasetFiles.TRAIN + ".jsonl")));
    rows.addAll(lines(local.resolve(DatasetFiles.VALIDATION + ".jsonl")));
    return rows;
  }

  private static List<JsonNode> lines(Path file) {
    try {
      List<JsonNode> rows = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          rows.add(JSON.readTree(line));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
