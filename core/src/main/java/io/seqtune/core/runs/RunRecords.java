package io.seqtune.core.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.checkpoint.StoredCheckpoint;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads and writes the run records ({@link RunRecord}) in the object store. Each write reads the
 * record, changes the fields its event owns and puts the whole object back, so fields written by
 * newer code survive older writers. One run has one writer at a time: the pipeline between its
 * activities, the training activity while an epoch runs.
 */
public final class RunRecords {
  /** The most train-curve points a record keeps; beyond it every other point is dropped. */
  public static final int MAX_CURVE_POINTS = 2000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStore store;
  private final Clock clock;

  public RunRecords(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public RunRecords(ObjectStore store) {
    this(store, Clock.systemUTC());
  }

  public Optional<RunRecord> find(String runId) {
    return document(runId).map(d -> JSON.convertValue(d, RunRecord.class));
  }

  /** Every run record in the store, newest first. */
  public List<RunRecord> all() {
    List<String> ids =
        store.children(StoreLayout.RUNS).stream()
            .map(p -> p.substring(StoreLayout.RUNS.length(), p.length() - 1))
            .toList();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, ids.size())));
    try {
      List<Future<Optional<RunRecord>>> reads = new ArrayList<>();
      for (String id : ids) {
        reads.add(pool.submit(() -> find(id)));
      }
      List<RunRecord> records = new ArrayList<>();
      for (Future<Optional<RunRecord>> read : reads) {
        read.get().ifPresent(records::add);
      }
      records.sort(
          Comparator.comparing(
                  (RunRecord r) -> r.created() == null ? "" : r.created(),
                  Comparator.naturalOrder())
              .reversed());
      return records;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading run records", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A run starts, or starts again under the same id. A record of the same spec keeps its finished
   * epochs, curve and checkpoints, and the run carries on from them ({@link RunStart#resumed()}); a
   * different spec starts the record afresh.
   */
  public RunStart started(RunStarted in) {
    String runId = in.runId();
    String now = now();
    ObjectNode old = document(runId).orElse(null);
    // Compared as parsed text: a tree built from objects and one read back differ in number types.
    boolean resumed = old != null && reparsed(in.spec()).equals(reparsed(old.get("spec")));
    ObjectNode d = resumed ? old : JSON.createObjectNode();
    d.put("runId", runId);
    d.put("workflowId", in.workflowId());
    d.put("task", in.task());
    d.put("baseModel", in.baseModel());
    d.put("status", RunRecord.RUNNING);
    d.put("stage", "validating");
    d.put("epochs", in.epochs());
    d.putNull("error");
    d.putNull("ended");
    d.set("spec", in.spec());
    if (!resumed) {
      d.put("created", now);
      d.put("epoch", 0);
      d.put("step", 0);
      d.set("curve", JSON.createObjectNode().set("train", JSON.createArrayNode()));
      ((ObjectNode) d.get("curve")).set("val", JSON.createArrayNode());
      d.set("stages", JSON.createArrayNode());
      d.set("checkpoints", JSON.createArrayNode());
      d.set("epochResults", JSON.createArrayNode());
    }
    put(runId, d, now);
    RunRecord r = JSON.convertValue(d, RunRecord.class);
    return new RunStart(
        r.epochResults() == null ? List.of() : r.epochResults(),
        r.pretraining() == null || r.pretraining().epochResults() == null
            ? List.of()
            : r.pretraining().epochResults());
  }

  /**
   * A run that could not start (its spec is invalid) ends FAILED with {@code error}; an earlier
   * run's record under the same id keeps its history.
   */
  public void rejected(String runId, String workflowId, String error) {
    update(
        runId,
        (d, now) -> {
          d.put("workflowId", workflowId)
              .put("status", RunRecord.FAILED)
              .put("stage", "validating");
          d.put("error", error).put("ended", now);
          if (!d.has("created")) {
            d.put("created", now);
          }
        });
  }

  /** The run enters {@code stage}; the previous stage ends now. */
  public void stage(String runId, String stage) {
    update(
        runId,
        (d, now) -> {
          ArrayNode stages = array(d, "stages");
          if (!stages.isEmpty()) {
            ObjectNode last = (ObjectNode) stages.get(stages.size() - 1);
            if (last.path("ended").isNull() || last.path("ended").isMissingNode()) {
              last.put("ended", now);
            }
          }
          stages
              .addObject()
              .put("stage", stage)
              .put("started", now)
              .putNull("ended")
              .put("attempts", 1)
              .putNull("error");
          d.put("stage", stage);
        });
  }

  /** Another try of the current stage began (a retried activity). */
  public void attempt(String runId, int attempt) {
    update(
        runId,
        (d, now) -> {
          ArrayNode stages = array(d, "stages");
          if (!stages.isEmpty()) {
            ((ObjectNode) stages.get(stages.size() - 1)).put("attempts", attempt);
          }
        });
  }

  public void dataset(String runId, String datasetKey, int trainExamples, int testExamples) {
    update(
        runId,
        (d, now) ->
            d.put("datasetKey", datasetKey)
                .put("trainExamples", trainExamples)
                .put("testExamples", testExamples));
  }

  /**
   * Training progress at a checkpoint (mid-epoch or at its end): the newest step and loss, and the
   * train-curve points since the last write; points at or after the first new step replace those a
   * stopped attempt wrote.
   */
  public void trained(String runId, TrainingPoint at, List<double[]> newPoints) {
    trained(runId, Phase.FINE_TUNING, at, newPoints);
  }

  /**
   * Progress of {@code phase} at a checkpoint: fine-tuning's at the top of the record,
   * pretraining's under {@code pretraining}, in the same fields.
   */
  public void trained(String runId, Phase phase, TrainingPoint at, List<double[]> newPoints) {
    update(
        runId,
        (record, now) -> {
          ObjectNode d = section(record, phase);
          d.put("epoch", at.epoch()).put("step", at.step()).put("totalSteps", at.totalSteps());
          if (!Double.isNaN(at.loss())) {
            d.put("loss", at.loss());
          }
          if (at.tokensPerSecond() > 0) {
            d.put("tokensPerSecond", at.tokensPerSecond());
          }
          ObjectNode curve = object(d, "curve");
          List<double[]> train = points(curve.get("train"));
          if (!newPoints.isEmpty()) {
            double first = newPoints.get(0)[0];
            train.removeIf(p -> p[0] >= first);
            train.addAll(newPoints);
          }
          while (train.size() > MAX_CURVE_POINTS) {
            List<double[]> thinned = new ArrayList<>();
            for (int i = 0; i < train.size(); i += 2) {
              thinned.add(train.get(i));
            }
            train = thinned;
          }
          curve.set("train", JSON.valueToTree(train));
          refreshCheckpoints(runId, d, phase);
        });
  }

  /** An epoch finished: its result joins {@code epochResults} and the validation curve. */
  public void epochEnded(String runId, RunRecord.EpochEnd end) {
    epochEnded(runId, Phase.FINE_TUNING, end);
  }

  /** An epoch of {@code phase} finished (pretraining's recorded under {@code pretraining}). */
  public void epochEnded(String runId, Phase phase, RunRecord.EpochEnd end) {
    update(
        runId,
        (record, now) -> {
          ObjectNode d = section(record, phase);
          ArrayNode results = array(d, "epochResults");
          for (int i = results.size() - 1; i >= 0; i--) {
            if (results.get(i).path("epoch").asInt() >= end.epoch()) {
              results.remove(i);
            }
          }
          results.add(JSON.valueToTree(end));
          d.put("epoch", end.epoch()).put("step", end.step());
          if (end.trainLoss() != null && !end.trainLoss().isNaN()) {
            d.put("loss", end.trainLoss());
          }
          ObjectNode curve = object(d, "curve");
          List<double[]> val = points(curve.get("val"));
          val.removeIf(p -> p[0] >= end.step());
          if (end.valLoss() != null && !end.valLoss().isNaN()) {
            val.add(new double[] {end.step(), end.valLoss()});
          }
          curve.set("val", JSON.valueToTree(val));
          refreshCheckpoints(runId, d, phase);
        });
  }

  /**
   * The pretraining stage's corpus, and its epochs; the {@code pretraining} part of the record
   * starts afresh unless it is of the same corpus.
   */
  public void corpus(String runId, String corpusKey, int texts, long excluded, int epochs) {
    update(
        runId,
        (record, now) -> {
          ObjectNode d = section(record, Phase.PRETRAINING);
          if (!corpusKey.equals(d.path("corpusKey").asText())) {
            d.removeAll();
          }
          d.put("corpusKey", corpusKey).put("texts", texts).put("excluded", excluded);
          d.put("epochs", epochs);
        });
  }

  /** Where {@code phase} keeps its progress in a record. */
  private static ObjectNode section(ObjectNode record, Phase phase) {
    return phase == Phase.FINE_TUNING ? record : object(record, "pretraining");
  }

  /** The run ended; {@code outcome} holds what is known at that point. */
  public void ended(String runId, RunOutcome outcome) {
    update(
        runId,
        (d, now) -> {
          d.put("status", outcome.status());
          d.put("ended", now);
          if (RunRecord.COMPLETED.equals(outcome.status())) {
            d.put("stage", "done");
          }
          ArrayNode stages = array(d, "stages");
          if (!stages.isEmpty()) {
            ObjectNode last = (ObjectNode) stages.get(stages.size() - 1);
            if (last.path("ended").isNull() || last.path("ended").isMissingNode()) {
              last.put("ended", now);
            }
            if (outcome.error() != null) {
              last.put("error", outcome.error());
            }
          }
          d.put("error", outcome.error());
          putIf(d, "reportKey", outcome.reportKey());
          if (outcome.metrics() != null) {
            d.set("metrics", JSON.valueToTree(outcome.metrics()));
          }
          putIf(d, "keyMetric", outcome.keyMetric());
          putIf(d, "modelVersion", outcome.modelVersion());
          if (outcome.champion() != null) {
            d.put("champion", outcome.champion());
          }
          putIf(d, "promotionReason", outcome.promotionReason());
          refreshCheckpoints(runId, d, Phase.FINE_TUNING);
          if (d.get("pretraining") instanceof ObjectNode pretraining) {
            refreshCheckpoints(runId, pretraining, Phase.PRETRAINING);
          }
        });
  }

  private void refreshCheckpoints(String runId, ObjectNode d, Phase phase) {
    ArrayNode list = JSON.createArrayNode();
    for (StoredCheckpoint c : new Checkpoints(store, phase).complete(runId)) {
      list.add(
          JSON.valueToTree(
              new RunRecord.Checkpoint(
                  c.key(), c.globalStep(), c.epoch(), c.totalBytes(), c.weightsSha256())));
    }
    d.set("checkpoints", list);
  }

  private interface Change {
    void apply(ObjectNode document, String now);
  }

  private void update(String runId, Change change) {
    String now = now();
    ObjectNode d = document(runId).orElseGet(() -> JSON.createObjectNode().put("runId", runId));
    change.apply(d, now);
    put(runId, d, now);
  }

  private void put(String runId, ObjectNode d, String now) {
    d.put("updated", now);
    store.putJson(StoreLayout.runRecord(runId), d);
  }

  private Optional<ObjectNode> document(String runId) {
    return store
        .findJson(StoreLayout.runRecord(runId), JsonNode.class)
        .filter(JsonNode::isObject)
        .map(ObjectNode.class::cast);
  }

  private static JsonNode reparsed(JsonNode node) {
    try {
      return node == null ? null : JSON.readTree(node.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String now() {
    return clock.instant().toString();
  }

  private static ArrayNode array(ObjectNode d, String field) {
    return d.get(field) instanceof ArrayNode a ? a : d.putArray(field);
  }

  private static ObjectNode object(ObjectNode d, String field) {
    return d.get(field) instanceof ObjectNode o ? o : d.putObject(field);
  }

  private static List<double[]> points(JsonNode array) {
    List<double[]> out = new ArrayList<>();
    if (array != null) {
      for (JsonNode p : array) {
        out.add(new double[] {p.path(0).asDouble(), p.path(1).asDouble()});
      }
    }
    return out;
  }

  private static void putIf(ObjectNode d, String field, String value) {
    if (value != null) {
      d.put(field, value);
    }
  }
}
