package io.seqtune.chem.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.chem.ChemException;
import io.seqtune.chem.curation.SeenKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Fails when one key (InChIKey, or scaffold in a scaffold split) appears in two splits. */
public final class LeakageCheck {
  private final Map<Split, SeenKeys> keysBySplit = new EnumMap<>(Split.class);

  public LeakageCheck() {
    for (Split split : Split.values()) {
      keysBySplit.put(split, new SeenKeys());
    }
  }

  /** Records the key in its split; throws when another split already holds it. */
  public void record(Split split, String key) {
    for (Map.Entry<Split, SeenKeys> other : keysBySplit.entrySet()) {
      if (other.getKey() != split && other.getValue().contains(key)) {
        throw new ChemException(
            "leakage: " + key + " is in both " + other.getKey().id + " and " + split.id);
      }
    }
    keysBySplit.get(split).add(key);
  }

  /**
   * Checks a written dataset directory (its shards' scaffold or inchi_key fields); throws on
   * leakage.
   */
  public static void verify(Path datasetDirectory) {
    ObjectMapper json = new ObjectMapper();
    LeakageCheck check = new LeakageCheck();
    for (DatasetManifest.Shard shard : DatasetBuilder.readManifest(datasetDirectory).shards()) {
      Split split = splitOf(shard.split());
      if (split == null) {
        continue; // the quarantine file
      }
      try (BufferedReader reader =
          Files.newBufferedReader(datasetDirectory.resolve(shard.file()))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          JsonNode row = json.readTree(line);
          check.record(
              split,
              row.hasNonNull("scaffold")
                  ? row.get("scaffold").asText()
                  : row.get("inchi_key").asText());
        }
      } catch (IOException e) {
        throw new ChemException(
            "cannot read " + shard.file() + " of " + datasetDirectory + ": " + e.getMessage(), e);
      }
    }
  }

  private static Split splitOf(String id) {
    for (Split split : Split.values()) {
      if (split.id.equals(id)) {
        return split;
      }
    }
    return null;
  }
}
