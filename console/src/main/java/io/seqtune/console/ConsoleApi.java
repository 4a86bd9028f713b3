package io.seqtune.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.core.registry.Champion;
import io.seqtune.core.registry.ModelCard;
import io.seqtune.core.registry.ModelRegistry;
import io.seqtune.core.registry.ModelVersion;
import io.seqtune.core.registry.Promotion;
import io.seqtune.core.report.SweepReportWriter;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.text.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The answers of the console's JSON API, read from the object store (runs, evaluation reports,
 * registry, sweeps) and the caller's live and schedule sources. Nothing here writes anything.
 */
public final class ConsoleApi implements AutoCloseable {
  /** Worst examples drawn per report; the rest are listed without pictures. */
  static final int PICTURED_EXAMPLES = 24;

  static final Set<String> SETTLED =
      Set.of("COMPLETED", "FAILED", "CANCELED", "TERMINATED", "TIMED_OUT");
  static final long LIVE_TIMEOUT_MS = 1_500;

  private final ObjectStore store;
  private final ObjectMapper json;
  private final RunRecords runs;
  private final LiveStatus live;
  private final ScheduleSource schedules;
  private final String temporalUi;
  private final Depictor depictor = new Depictor();
  // A workflow that has ended never changes: its live answer is kept instead of asked again.
  private final Map<String, Map<String, Object>> settledLive = new ConcurrentHashMap<>();
  private final LiveTrails trails = new LiveTrails();
  // Object-store reads and drawings fan out on one pool; live calls (Temporal queries) on another,
  // so a read waiting for its live overlay never waits for a thread of its own pool.
  private final ExecutorService readers = daemonPool("console-read", 8);
  private final ExecutorService liveCalls = daemonPool("console-live", 8);

  ConsoleApi(
      ObjectStore store,
      ObjectMapper json,
      LiveStatus live,
      ScheduleSource schedules,
      String temporalUi) {
    this.store = store;
    this.json = json;
    this.runs = new RunRecords(store, json, readers);
    this.live = live;
    this.schedules = schedules;
    this.temporalUi = temporalUi;
  }

  private static ExecutorService daemonPool(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public void close() {
    readers.shutdownNow();
    liveCalls.shutdownNow();
  }

  /**
   * {@code {"runs": [row...]}}, newest first: id, task, base model, status, stage, epoch/epochs,
   * loss, key metric and value, created, duration. Filters (null = any): exact status and task, and
   * a substring of the run id.
   */
  public ObjectNode runs(String status, String task, String idContains) {
    List<ObjectNode> all = runs.all();
    List<CompletableFuture<ObjectNode>> merged = new ArrayList<>();
    for (ObjectNode r : all) {
      merged.add(CompletableFuture.supplyAsync(() -> withLive(r), readers));
    }
    ObjectNode out = json.createObjectNode();
    ArrayNode rows = out.putArray("runs");
    for (CompletableFuture<ObjectNode> f : merged) {
      ObjectNode r = f.join();
      if (matches(status, r.path("status").asText(""))
          && matches(task, r.path("task").asText(""))
          && (idContains == null || r.path("runId").asText("").contains(idContains))) {
        rows.add(row(r));
      }
    }
    return out;
  }

  private static boolean matches(String wanted, String value) {
    return wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(value);
  }

  private ObjectNode row(ObjectNode r) {
    ObjectNode row = json.createObjectNode();
    for (String f :
        List.of(
            "runId",
            "task",
            "baseModel",
            "status",
            "stage",
            "epoch",
            "epochs",
            "loss",
            "created",
            "modelVersion",
            "champion",
            "source")) {
      if (r.hasNonNull(f)) {
        row.set(f, r.get(f));
      }
    }
    String keyMetric = keyMetric(r);
    if (keyMetric != null) {
      row.put("keyMetric", keyMetric);
      row.set("keyMetricValue", r.path("metrics").path(keyMetric));
    }
    durationSeconds(r).ifPresent(d -> row.put("durationSeconds", d));
    return row;
  }

  /** The record's key metric, else the first of the usual ones it measured. */
  private static String keyMetric(ObjectNode r) {
    if (r.hasNonNull("keyMetric")) {
      return r.get("keyMetric").asText();
    }
    for (String m : List.of("roundtrip_accuracy", "exact_match", "bleu4")) {
      if (r.path("metrics").has(m)) {
        return m;
      }
    }
    return null;
  }

  private static Optional<Long> durationSeconds(ObjectNode r) {
    try {
      Instant created = Instant.parse(r.path("created").asText());
      String end =
          r.hasNonNull("ended")
              ? r.get("ended").asText()
              : SETTLED.contains(r.path("status").asText()) ? r.path("updated").asText() : null;
      Instant until = end == null ? Instant.now() : Instant.parse(end);
      return Optional.of(Math.max(0, Duration.between(created, until).toSeconds()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The whole record of one run, with live progress and its Temporal UI link where known. */
  public Optional<ObjectNode> run(String runId) {
    return runs.find(runId)
        .map(this::withLive)
        .map(
            r -> {
              if (temporalUi != null) {
                r.put("temporalUrl", temporalUi + r.path("workflowId").asText(runId));
              }
              durationSeconds(r).ifPresent(d -> r.put("durationSeconds", d));
              trails.extend(r.path("workflowId").asText(runId), r);
              return r;
            });
  }

  /**
   * A record not known to be settled, overlaid with the live source's fields (marked {@code "live":
   * true}). A live source that does not answer in time leaves the record as it is.
   */
  private ObjectNode withLive(ObjectNode r) {
    if (SETTLED.contains(r.path("status").asText())) {
      return r;
    }
    String id = r.path("workflowId").asText(r.path("runId").asText());
    Optional<Map<String, Object>> fresh = Optional.ofNullable(settledLive.get(id));
    if (fresh.isEmpty()) {
      try {
        fresh =
            CompletableFuture.supplyAsync(() -> live.of(id), liveCalls)
                .completeOnTimeout(Optional.empty(), LIVE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .exceptionally(e -> Optional.empty())
                .join();
      } catch (RuntimeException e) {
        fresh = Optional.empty();
      }
      fresh
          .filter(m -> SETTLED.contains(String.valueOf(m.get("status"))))
          .ifPresent(m -> settledLive.put(id, m));
    }
    fresh.ifPresent(
        m -> {
          m.forEach(
              (k, v) -> {
                if (v != null) {
                  r.set(k, json.valueToTree(v));
                }
              });
          r.put("live", true);
        });
    if (SETTLED.contains(r.path("status").asText())) {
      trails.forget(id);
    } else if (fresh.isPresent() && r.path("step").isNumber() && r.path("loss").isNumber()) {
      trails.note(id, r.get("step").asLong(), r.get("loss").asDouble());
    }
    return r;
  }

  /**
   * The evaluation report of a run, its worst examples and verified answers ({@code
   * verified_answers}) each with the input molecule and the structure of the predicted name as SVG
   * (or why there is none).
   */
  public Optional<ObjectNode> evaluation(String runId) {
    Optional<ObjectNode> record = runs.find(runId);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    String key = record.get().path("reportKey").asText(StoreLayout.evalReport(runId));
    if (!key.startsWith(StoreLayout.run(runId)) || !store.exists(key)) {
      return Optional.empty();
    }
    JsonNode stored;
    try {
      stored = json.readTree(store.getBytes(key));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!(stored instanceof ObjectNode report)) {
      return Optional.empty();
    }
    report.put("reportKey", key);
    String task = record.get().path("task").asText(guessTask(report));
    report.put("task", task);
    List<CompletableFuture<?>> drawings = new ArrayList<>();
    JsonNode worst = report.path("report").path("worst");
    for (int i = 0; i < Math.min(worst.size(), PICTURED_EXAMPLES); i++) {
      ObjectNode example = (ObjectNode) worst.get(i);
      drawings.add(
          CompletableFuture.runAsync(() -> picture(example, task, "input", "prediction"), readers));
    }
    JsonNode answers = report.path("verified_answers");
    for (int i = 0; i < Math.min(answers.size(), PICTURED_EXAMPLES); i++) {
      ObjectNode answer = (ObjectNode) answers.get(i);
      drawings.add(
          CompletableFuture.runAsync(() -> picture(answer, task, "source", "name"), readers));
    }
    drawings.forEach(CompletableFuture::join);
    return Optional.of(report);
  }

  /** A chemistry report carries round-trip scores; a text report does not. */
  private static String guessTask(JsonNode report) {
    return report.path("report").has("roundtrip_accuracy") ? "smiles2iupac" : "text";
  }

  /**
   * Adds {@code inputPicture} and {@code predictionPicture} ({@code {"svg"}} or {@code {"error"}})
   * to an example whose {@code inputField} and {@code predictionField} hold a SMILES/name pair in
   * the task's direction.
   */
  private void picture(ObjectNode example, String task, String inputField, String outputField) {
    String input = example.path(inputField).asText(null);
    String output = example.path(outputField).asText(null);
    if (input == null || output == null) {
      return;
    }
    switch (task) {
      case "smiles2iupac" -> {
        example.set("inputPicture", json.valueToTree(depictor.smiles(input)));
        example.set("predictionPicture", json.valueToTree(depictor.name(output)));
      }
      case "iupac2smiles" -> {
        example.set("inputPicture", json.valueToTree(depictor.name(input)));
        example.set("predictionPicture", json.valueToTree(depictor.smiles(output)));
      }
      default -> {
        // Text tasks have no structures to draw.
      }
    }
  }

  /** {@code {"tasks": [{task, champion, versions (newest first), promotions (newest first)}]}}. */
  public ObjectNode models() {
    ModelRegistry registry = new ModelRegistry(store);
    Map<String, List<ModelVersion>> byTask = new TreeMap<>();
    for (ModelVersion v : registry.versions(null)) {
      byTask.computeIfAbsent(v.task(), t -> new ArrayList<>()).add(0, v);
    }
    ObjectNode out = json.createObjectNode();
    ArrayNode tasks = out.putArray("tasks");
    byTask.forEach(
        (task, versions) -> {
          ObjectNode t = tasks.addObject().put("task", task);
          Optional<Champion> champion = registry.champion(task);
          t.set("champion", champion.<JsonNode>map(json::valueToTree).orElse(null));
          String championVersion = champion.map(Champion::version).orElse(null);
          ArrayNode vs = t.putArray("versions");
          for (ModelVersion v : versions) {
            ObjectNode node = json.valueToTree(v);
            node.put("champion", v.version().equals(championVersion));
            vs.add(node);
          }
          List<Promotion> log = new ArrayList<>(registry.promotions(task));
          Collections.reverse(log);
          t.set("promotions", json.valueToTree(log));
        });
    return out;
  }

  /** A model version's {@code MODEL_CARD.md}, or empty when there is none. */
  public Optional<String> modelCard(String task, String version) {
    if (!RunRecords.validId(task) || !RunRecords.validId(version)) {
      return Optional.empty();
    }
    String key = StoreLayout.version(task, version) + ModelCard.FILE_NAME;
    return store.exists(key)
        ? Optional.of(new String(store.getBytes(key), StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /** {@code {"schedules": [...]}}: each with its last run's status when that run is known. */
  public ObjectNode schedules() {
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("schedules");
    for (ScheduleView s : schedules.list()) {
      ObjectNode node = json.valueToTree(s);
      if (s.lastRunId() != null) {
        runs.find(s.lastRunId())
            .map(this::withLive)
            .ifPresent(r -> node.set("lastRunStatus", r.path("status")));
      }
      list.add(node);
    }
    return out;
  }

  /**
   * {@code {"sweeps": [{sweepId, complete, header, rows, plots}]}} from {@code
   * sweeps/<id>/results.csv} and its PNG plots.
   */
  public ObjectNode sweeps() {
    Map<String, List<String>> files = new TreeMap<>();
    for (String key : store.list(StoreLayout.SWEEPS)) {
      String rest = key.substring(StoreLayout.SWEEPS.length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        files
            .computeIfAbsent(rest.substring(0, slash), id -> new ArrayList<>())
            .add(rest.substring(slash + 1));
      }
    }
    ObjectNode out = json.createObjectNode();
    ArrayNode sweeps = out.putArray("sweeps");
    files.forEach(
        (id, names) -> {
          ObjectNode s = sweeps.addObject().put("sweepId", id);
          s.put("complete", names.contains(ArtifactManifest.FILE_NAME));
          if (names.contains(SweepReportWriter.CSV)) {
            List<List<String>> table =
                Csv.parse(
                    new String(
                        store.getBytes(StoreLayout.sweep(id) + SweepReportWriter.CSV),
                        StandardCharsets.UTF_8));
            if (!table.isEmpty()) {
              s.set("header", json.valueToTree(table.get(0)));
              s.set("rows", json.valueToTree(table.subList(1, table.size())));
            }
          }
          s.set("plots", json.valueToTree(names.stream().filter(n -> n.endsWith(".png")).toList()));
        });
    return out;
  }

  /** A sweep's stored PNG plot, or empty when it has no such file. */
  public Optional<byte[]> sweepPlot(String sweepId, String file) {
    if (!RunRecords.validId(sweepId) || !RunRecords.validId(file) || !file.endsWith(".png")) {
      return Optional.empty();
    }
    String key = StoreLayout.sweep(sweepId) + file;
    return store.exists(key) ? Optional.of(store.getBytes(key)) : Optional.empty();
  }

  /** A picture of a molecule given as SMILES or as a name (OPSIN), for scripts and the pages. */
  public Depictor.Picture depict(String smiles, String name) {
    return smiles != null ? depictor.smiles(smiles) : depictor.name(name);
  }
}
