package io.seqtune.chem.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.seqtune.text.Prompted;

/**
 * One line of a shard: the raw pair, where it came from, its identity for leakage checks, and the
 * pair rendered in the dataset spec's prompt format. The rendered prompt and response serve readers
 * of chem's datasets outside seqtune; seqtune's trainer reads only the raw pair and renders it with
 * the pipeline's format (so one dataset serves every format). Absent fields are left out.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardRow(
    String input,
    String output,
    String family,
    String inchiKey,
    String scaffold,
    String prompt,
    String response) {

  /** The pair {@code input → output} and its family (the kind or source of the pair), alone. */
  public static ShardRow pair(String input, String output, String family) {
    return new ShardRow(input, output, family, null, null, null, null);
  }

  /** This row with its structure's InChIKey and its scaffold group (null when not split so). */
  public ShardRow identified(String inchiKey, String scaffold) {
    return new ShardRow(input, output, family, inchiKey, scaffold, prompt, response);
  }

  /** This row with its pair rendered in a prompt format. */
  public ShardRow rendered(Prompted prompted) {
    return new ShardRow(
        input, output, family, inchiKey, scaffold, prompted.prompt(), prompted.response());
  }
}
