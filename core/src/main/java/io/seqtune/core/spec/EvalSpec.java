package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * How the held-out test split is judged. {@code beams > 1} decodes with beam search; {@code stereo}
 * and {@code isotopes} ({@code strict} or {@code ignore}) say whether the round trip must agree on
 * stereochemistry and on isotopic labels.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalSpec(
    Integer maxExamples,
    Integer beams,
    Integer maxNewTokens,
    String stereo,
    String isotopes,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  static final EvalSpec EMPTY = new EvalSpec(null, null, null, null, null, Map.of());

  EvalSpec withDefaults() {
    return new EvalSpec(
        maxExamples == null ? 200 : maxExamples,
        beams == null ? 1 : beams,
        maxNewTokens == null ? 100 : maxNewTokens,
        stereo == null ? "strict" : stereo,
        isotopes == null ? "strict" : isotopes,
        unknown == null ? Map.of() : unknown);
  }

  void validate(List<String> problems) {
    Unknown.report("eval.", unknown, problems);
    if (maxExamples < 1) {
      problems.add("eval.maxExamples: must be >= 1");
    }
    if (beams < 1 || beams > 32) {
      problems.add("eval.beams: " + beams + " is outside 1..32");
    }
    if (maxNewTokens < 1) {
      problems.add("eval.maxNewTokens: must be >= 1");
    }
    if (!List.of("strict", "ignore").contains(stereo)) {
      problems.add("eval.stereo: '" + stereo + "' is not one of [strict, ignore]");
    }
    if (!List.of("strict", "ignore").contains(isotopes)) {
      problems.add("eval.isotopes: '" + isotopes + "' is not one of [strict, ignore]");
    }
  }
}
