package io.seqtune.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Run records ({@code runs/<runId>/run.json}, docs/run-record.md) read as JSON: unknown fields
 * kept, missing ones absent. A run directory without a record (written before records existed, or
 * by a pipeline that died before its first) is described from its artifacts by {@link
 * ArtifactRuns}, marked {@code "source": "artifacts"}.
 */
final class RunRecords {

  private final ObjectStore store;
  private final ObjectMapper json;
  private final ArtifactRuns artifacts;
  private final ExecutorService readers;

  RunRecords(ObjectStore store, ObjectMapper json, ExecutorService readers) {
    this.store = store;
    this.json = json;
    this.artifacts = new ArtifactRuns(store, json);
    this.readers = readers;
  }

  /** Every run, newest first; records are read in parallel. */
  List<ObjectNode> all() {
    List<CompletableFuture<Optional<ObjectNode>>> reads = new ArrayList<>();
    for (String dir : store.children(StoreLayout.RUNS)) {
      String id = dir.substring(StoreLayout.RUNS.length(), dir.length() - 1);
      reads.add(CompletableFuture.supplyAsync(() -> read(id), readers));
    }
    List<ObjectNode> runs = new ArrayList<>();
    reads.forEach(r -> r.join().ifPresent(runs::add));
    runs.sort(NEWEST_FIRST);
    return runs;
  }

  /** One run, or empty when the store holds nothing under its id. */
  Optional<ObjectNode> find(String runId) {
    return validId(runId) ? read(runId) : Optional.empty();
  }

  /** The run's record, else a description from its artifacts, else empty. */
  private Optional<ObjectNode> read(String runId) {
    String recordKey = StoreLayout.runRecord(runId);
    if (store.exists(recordKey)) {
      try {
        JsonNode node = json.readTree(store.getBytes(recordKey));
        if (node instanceof ObjectNode record) {
          record.put("source", "record");
          if (!record.hasNonNull("runId")) {
            record.put("runId", runId);
          }
          return Optional.of(record);
        }
      } catch (IOException | RuntimeException e) {
        // A record being replaced or damaged: describe the run from its artifacts instead.
      }
    }
    List<String> keys = store.list(StoreLayout.run(runId));
    return keys.isEmpty() ? Optional.empty() : Optional.of(artifacts.describe(runId, keys));
  }

  /** Ids that are one path segment of safe characters (a request never reaches another key). */
  static boolean validId(String id) {
    return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}") && !id.contains("..");
  }

  /** Newest first by creation time, runs without one last, then by id. */
  static final Comparator<ObjectNode> NEWEST_FIRST =
      Comparator.comparing(
              (ObjectNode r) -> r.path("created").asText(""), Comparator.reverseOrder())
          .thenComparing(r -> r.path("runId").asText(""));
}
