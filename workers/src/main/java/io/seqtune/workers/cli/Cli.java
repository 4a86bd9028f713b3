package io.seqtune.workers.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.SpecException;
import io.seqtune.core.spec.SpecReader;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreSettings;
import io.seqtune.workers.RunSettler;
import io.seqtune.workers.TemporalConnection;
import io.seqtune.workers.TemporalSettings;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What the commands share: JSON output, connections from the environment, readable errors. */
final class Cli {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Cli() {}

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A record as a mutable map with snake_case keys (tokensPerS -> tokens_per_s). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> snakeCase(Object value) {
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .convertValue(value, LinkedHashMap.class);
  }

  static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The environment commands read their addresses from; tests point it at their own stack. */
  static Map<String, String> environment = System.getenv();

  static TemporalConnection temporal() {
    return TemporalConnection.connect(TemporalSettings.fromEnvironment(environment));
  }

  static ObjectStore store() {
    return new ObjectStore(StoreSettings.fromEnvironment(environment)).ensureBucket();
  }

  /** The run record of {@code runId} in the store the environment names. */
  static Optional<RunRecord> findRecord(String runId) {
    try (ObjectStore store = store()) {
      return new RunRecords(store).find(runId);
    }
  }

  /** As {@link #findRecord}, with a RUNNING record the server has closed ended (RunSettler). */
  static Optional<RunRecord> findSettledRecord(TemporalConnection temporal, String runId) {
    try (ObjectStore store = store()) {
      RunRecords records = new RunRecords(store);
      return records.find(runId).map(new RunSettler(temporal, records)::settle);
    }
  }

  /**
   * A pipeline spec file, with defaults, validated: a file that is not JSON or not a valid spec is
   * refused naming the file and every problem, as a run started from it would fail.
   */
  static PipelineSpec readPipelineSpec(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("spec file " + file + " does not exist");
    }
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "spec file " + file + " is not JSON: " + e.getOriginalMessage() + locationOf(e));
    }
    try {
      return SpecReader.pipeline(json);
    } catch (SpecException e) {
      throw new IllegalArgumentException(
          "invalid pipeline spec in " + file + ":\n  - " + String.join("\n  - ", e.problems()));
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /** Reads a spec file as {@code type}, naming the file when it is missing. */
  static <T> T readSpec(Path file, Class<T> type) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("spec file " + file + " does not exist");
    }
    return JSON.readValue(file.toFile(), type);
  }

  /**
   * The message a user needs: the innermost application failure's or exception's, never a trace.
   */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        return af.getOriginalMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }
}
