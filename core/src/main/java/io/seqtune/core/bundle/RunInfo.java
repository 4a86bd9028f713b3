package io.seqtune.core.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code seqtune.json} beside a model's weights: what it was trained for and how its prompts look,
 * so that translation and evaluation build exactly the prompts it learned.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunInfo(String task, String format, int maxLength, String baseModel) {
  public static final String FILE_NAME = "seqtune.json";
}
