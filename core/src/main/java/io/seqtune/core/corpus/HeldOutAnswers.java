package io.seqtune.core.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.dataset.DatasetFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pretraining corpus must not contain: the molecules of a dataset's validation and test
 * splits, by InChIKey as the splits were made (chemistry tasks), or their inputs and outputs as
 * exact texts (text tasks, split by input). Read once from the local split files.
 */
final class HeldOutAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<String> inchiKeys = new HashSet<>();
  private final Set<String> texts = new HashSet<>();

  private HeldOutAnswers() {}

  static HeldOutAnswers of(Path datasetDir) {
    HeldOutAnswers held = new HeldOutAnswers();
    for (String split : List.of(DatasetFiles.VALIDATION, DatasetFiles.TEST)) {
      Path file = datasetDir.resolve(split + ".jsonl");
      try (BufferedReader reader = Files.newBufferedReader(file)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode row = JSON.readTree(line);
          if (row.hasNonNull("inchi_key")) {
            held.inchiKeys.add(row.get("inchi_key").asText());
          }
          held.texts.add(row.path("input").asText());
          held.texts.add(row.path("output").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read dataset split " + file, e);
      }
    }
    return held;
  }

  /** Whether a text, naming the molecule {@code inchiKey} (null: none known), is held out. */
  boolean holds(String text, String inchiKey) {
    return texts.contains(text) || (inchiKey != null && inchiKeys.contains(inchiKey));
  }

  int molecules() {
    return inchiKeys.size();
  }
}
