package io.seqtune.chem.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One line of a shard: the raw pair, where it came from, its identity for leakage checks, and the
 * rendered prompt and response (the trainer tokenizes them separately, loss on the response only).
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
    String response) {}
