package io.seqtune.chem.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.seqtune.chem.SyntheticConfig;
import io.seqtune.chem.curation.CurationConfig;
import io.seqtune.text.PromptTemplate;
import io.seqtune.text.TaskText;
import java.util.List;

/**
 * Everything that decides a dataset's content. Its JSON, with the hashes of the input files, gives
 * the dataset key: the same request finds the dataset already built.
 *
 * @param synthetic synthetic pairs to include, or null
 * @param tables CSV/TSV/JSONL inputs (may be empty)
 * @param pubchem PubChem CID-SMILES + CID-IUPAC inputs, or null
 * @param format a built-in prompt format id or a custom template ({@link PromptTemplate#parse})
 * @param taskDescription the instruction text used by formats that show one
 * @param shardSize rows per shard file
 * @param maxRows keep at most this many curated rows, the first in source order (reading stops
 *     there, so a 10k cut of PubChem does not read all of it; cuts of one source nest), or null for
 *     all
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(
    SyntheticConfig synthetic,
    List<TableInput> tables,
    PubChemInput pubchem,
    CurationConfig curation,
    SplitConfig split,
    String format,
    String taskDescription,
    int shardSize,
    Integer maxRows) {

  /** A table file and the columns holding SMILES and name. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TableInput(String path, String smilesColumn, String nameColumn) {}

  /** PubChem bulk files, both sorted by CID. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PubChemInput(String cidSmiles, String cidIupac) {}

  public DatasetSpec {
    tables = tables == null ? List.of() : List.copyOf(tables);
    if (synthetic == null && tables.isEmpty() && pubchem == null) {
      throw new IllegalArgumentException("a dataset needs a source: synthetic, tables or pubchem");
    }
    if (curation == null || split == null || format == null) {
      throw new IllegalArgumentException("a dataset spec needs curation, split and format");
    }
    if (shardSize <= 0) {
      throw new IllegalArgumentException("shard size must be > 0, got " + shardSize);
    }
    if (maxRows != null && maxRows <= 0) {
      throw new IllegalArgumentException("max rows must be > 0, got " + maxRows);
    }
  }

  /** Synthetic pairs only: validity and de-duplication checks, default split, the given format. */
  public static DatasetSpec synthetic(SyntheticConfig synthetic, String format) {
    return builder()
        .synthetic(synthetic)
        .curation(CurationConfig.validityOnly())
        .split(SplitConfig.defaults(synthetic.seed()))
        .format(format, TaskText.SMILES_TO_IUPAC.description())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sets components by name. Sources, curation, split and format are required (at least one
   * source); shard size defaults to {@value Builder#DEFAULT_SHARD_SIZE} rows, max rows to all.
   */
  public static final class Builder {
    public static final int DEFAULT_SHARD_SIZE = 100_000;

    private SyntheticConfig synthetic;
    private List<TableInput> tables = List.of();
    private PubChemInput pubchem;
    private CurationConfig curation;
    private SplitConfig split;
    private String format;
    private String taskDescription;
    private int shardSize = DEFAULT_SHARD_SIZE;
    private Integer maxRows;

    private Builder() {}

    public Builder synthetic(SyntheticConfig synthetic) {
      this.synthetic = synthetic;
      return this;
    }

    public Builder tables(List<TableInput> tables) {
      this.tables = tables;
      return this;
    }

    public Builder pubchem(PubChemInput pubchem) {
      this.pubchem = pubchem;
      return this;
    }

    public Builder curation(CurationConfig curation) {
      this.curation = curation;
      return this;
    }

    public Builder split(SplitConfig split) {
      this.split = split;
      return this;
    }

    /** A prompt format id or template, and the instruction text formats that show one use. */
    public Builder format(String format, String taskDescription) {
      this.format = format;
      this.taskDescription = taskDescription;
      return this;
    }

    public Builder shardSize(int shardSize) {
      this.shardSize = shardSize;
      return this;
    }

    /** At most this many curated rows, or null for all. */
    public Builder maxRows(Integer maxRows) {
      this.maxRows = maxRows;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming what is missing or out of range
     */
    public DatasetSpec build() {
      return new DatasetSpec(
          synthetic, tables, pubchem, curation, split, format, taskDescription, shardSize, maxRows);
    }
  }
}
