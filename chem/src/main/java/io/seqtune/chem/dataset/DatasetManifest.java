package io.seqtune.chem.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.seqtune.chem.curation.CurationCounts;
import java.util.List;
import java.util.Map;

/**
 * The description of a built dataset, written last: a directory without it is incomplete.
 *
 * @param rowsBySplit split id → rows
 * @param inputs input path → sha256 of its bytes
 * @param shards every data file with its sha256 (quarantine included)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetManifest(
    String key,
    int layoutVersion,
    DatasetSpec spec,
    Map<String, String> inputs,
    CurationCounts curation,
    Map<String, Long> rowsBySplit,
    long quarantined,
    List<Shard> shards,
    String leakageCheck) {

  /** One file of the dataset. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Shard(String file, String split, long rows, String sha256) {}

  public static final String FILE_NAME = "manifest.json";
  public static final String QUARANTINE_FILE = "quarantine.jsonl";
}
