package io.seqtune.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.store.LoopbackS3;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Run records on a real S3 server: a run's life, a restart under the same id, the listing. */
class RunRecordsTest {
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @RegisterExtension static final LoopbackS3 S3 = new LoopbackS3("records");
  static ObjectStore store;

  @BeforeAll
  static void start() {
    store = S3.store();
  }

  private static RunRecords at(String instant) {
    return new RunRecords(store, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  private static RunStarted run(String id, int epochs) throws Exception {
    JsonNode spec =
        STRICT.readTree("{\"task\":\"smiles2iupac\",\"train\":{\"epochs\":" + epochs + "}}");
    return new RunStarted(id, id, "smiles2iupac", "scratch", epochs, spec);
  }

  @Test
  void aRunsLifeIsWrittenInTheContractsShape(@TempDir Path tmp) throws Exception {
    RunRecords records = at("2026-11-30T10:00:00Z");
    assertThat(records.started(run("life", 2)).resumed()).isFalse();
    records.stage("life", "dataset");
    records.dataset("life", "ds-1", 100, 10);
    records.stage("life", "training");
    records.trained(
        "life",
        new TrainingPoint(1, 2, 4, 0.9, 1500),
        List.of(new double[] {1, 1.0}, new double[] {2, 0.9}));
    records.epochEnded(
        "life", new RunRecord.EpochEnd(1, 2, "runs/life/checkpoints/step-000000002/", 0.95, 0.8));
    Path weights = Files.createDirectories(tmp.resolve(Checkpoints.MODEL_DIR));
    Files.writeString(weights.resolve("model.safetensors"), "weights");
    String checkpoint = StoreLayout.checkpoint("life", 2);
    store.uploadDirectory(checkpoint, tmp, Map.of("epoch", 1));
    records.ended(
        "life",
        new RunOutcome(
            RunRecord.COMPLETED,
            null,
            "runs/life/eval/report.json",
            Map.of("exact_match", 0.5),
            "exact_match",
            "life",
            true,
            "first model"));

    // Every field the writer puts is a field of the record: a misspelt one fails here.
    String json = new String(store.getBytes(StoreLayout.runRecord("life")), StandardCharsets.UTF_8);
    RunRecord r = STRICT.readValue(json, RunRecord.class);
    assertThat(r.status()).isEqualTo(RunRecord.COMPLETED);
    assertThat(r.stage()).isEqualTo("done");
    assertThat(r.stages())
        .extracting(RunRecord.Stage::stage)
        .containsExactly("dataset", "training");
    assertThat(r.stages()).allSatisfy(s -> assertThat(s.ended()).isNotNull());
    assertThat(r.curve().train()).hasSize(2);
    assertThat(r.curve().val()).containsExactly(new double[] {2, 0.8});
    assertThat(r.loss()).isEqualTo(0.95);
    assertThat(r.tokensPerSecond()).isEqualTo(1500);
    assertThat(r.datasetKey()).isEqualTo("ds-1");
    assertThat(r.champion()).isTrue();
    assertThat(r.created()).isEqualTo("2026-11-30T10:00:00Z");
    assertThat(r.ended()).isNotNull();
    // The record lists the stored checkpoint with what its manifest says.
    String weightsSha =
        store.manifest(checkpoint).orElseThrow().files().get(Checkpoints.WEIGHTS_FILE).sha256();
    assertThat(r.checkpoints())
        .containsExactly(new RunRecord.Checkpoint(checkpoint, 2, 1, 7L, weightsSha));
  }

  @Test
  void aRestartUnderTheSameSpecCarriesOnAndADifferentSpecStartsAfresh() throws Exception {
    RunRecords records = at("2026-11-30T11:00:00Z");
    records.started(run("again", 3));
    records.epochEnded("again", new RunRecord.EpochEnd(1, 5, "k1", 1.0, 0.9));
    records.trained("again", new TrainingPoint(2, 7, 15, 0.8, 0), pointsFrom(1, 7));
    records.ended("again", RunOutcome.cancelled());

    RunStart same = records.started(run("again", 3));
    assertThat(same.resumed()).isTrue();
    assertThat(same.finishedEpochs()).extracting(RunRecord.EpochEnd::epoch).containsExactly(1);
    // A resumed attempt writes steps 6.. again: they replace the stopped attempt's.
    records.trained("again", new TrainingPoint(2, 8, 15, 0.7, 0), pointsFrom(6, 8));
    RunRecord r = records.find("again").orElseThrow();
    assertThat(r.status()).isEqualTo(RunRecord.RUNNING);
    assertThat(r.curve().train())
        .extracting(p -> p[0])
        .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);

    assertThat(records.started(run("again", 4)).resumed()).isFalse();
    assertThat(records.find("again").orElseThrow().curve().train()).isEmpty();
  }

  @Test
  void theTrainCurveIsThinnedToItsLimit() {
    RunRecords records = at("2026-11-30T12:00:00Z");
    records.rejected("thin", "thin", "not started");
    records.trained("thin", new TrainingPoint(1, 5000, 5000, 0.1, 0), pointsFrom(1, 5000));
    assertThat(records.find("thin").orElseThrow().curve().train().size())
        .isLessThanOrEqualTo(RunRecords.MAX_CURVE_POINTS)
        .isGreaterThan(RunRecords.MAX_CURVE_POINTS / 2);
  }

  @Test
  void allListsEveryRunNewestFirst() throws Exception {
    at("2026-11-29T08:00:00Z").started(run("older", 1));
    at("2026-11-29T09:00:00Z").rejected("rejected", "rejected", "spec: none given");
    List<String> ids = new ArrayList<>();
    for (RunRecord r : new RunRecords(store).all()) {
      ids.add(r.runId());
    }
    assertThat(ids).containsSubsequence("rejected", "older");
    assertThat(new RunRecords(store).find("rejected").orElseThrow().error())
        .isEqualTo("spec: none given");
  }

  private static List<double[]> pointsFrom(int first, int last) {
    List<double[]> points = new ArrayList<>();
    for (int s = first; s <= last; s++) {
      points.add(new double[] {s, 1.0 / s});
    }
    return points;
  }

  @Test
  void pretrainingIsRecordedApartInTheSameShapeAndARestartCarriesOnAfterItsEpochs()
      throws Exception {
    RunRecords records = at("2026-11-30T11:00:00Z");
    records.started(run("pre", 1));
    records.stage("pre", "pretraining");
    records.corpus("pre", "smiles2iupac-pt-1", 400, 12, 2);
    records.trained(
        "pre",
        Phase.PRETRAINING,
        new TrainingPoint(1, 5, 10, 2.5, 900),
        List.of(new double[] {5, 2.5}));
    RunRecord.EpochEnd first =
        new RunRecord.EpochEnd(1, 5, "runs/pre/pretraining/checkpoints/step-000000005/", 2.6, 2.4);
    records.epochEnded("pre", Phase.PRETRAINING, first);

    RunRecord r =
        STRICT.readValue(
            new String(store.getBytes(StoreLayout.runRecord("pre")), StandardCharsets.UTF_8),
            RunRecord.class);
    assertThat(r.stage()).isEqualTo("pretraining");
    assertThat(r.epoch()).isZero();
    assertThat(r.step()).isZero();
    RunRecord.Pretraining p = r.pretraining();
    assertThat(p.corpusKey()).isEqualTo("smiles2iupac-pt-1");
    assertThat(p.texts()).isEqualTo(400);
    assertThat(p.excluded()).isEqualTo(12);
    assertThat(p.epochs()).isEqualTo(2);
    assertThat(p.epoch()).isEqualTo(1);
    assertThat(p.step()).isEqualTo(5);
    assertThat(p.totalSteps()).isEqualTo(10);
    assertThat(p.curve().train()).containsExactly(new double[] {5, 2.5});
    assertThat(p.curve().val()).containsExactly(new double[] {5, 2.4});
    assertThat(p.epochResults()).containsExactly(first);

    RunStart restart = records.started(run("pre", 1));
    assertThat(restart.resumed()).isTrue();
    assertThat(restart.finishedEpochs()).isEmpty();
    assertThat(restart.pretrainingEpochs()).containsExactly(first);
  }
}
