package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * How the held-out test split is judged. {@code beams > 1} decodes with beam search; {@code samples
 * > 0} adds that many sampled candidates per input (softmax(logits / {@code temperature}) over the
 * {@code topK} most likely tokens, 0: all; seeded by {@code train.seed}) for verified translation,
 * whose coverage the report gives against the number of candidates. {@code stereo} and {@code
 * isotopes} ({@code strict} or {@code ignore}) say whether the round trip must agree on
 * stereochemistry and on isotopic labels.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalSpec(
    Integer maxExamples,
    Integer beams,
    Integer maxNewTokens,
    String stereo,
    String isotopes,
    Integer samples,
    Double temperature,
    Integer topK,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  static final EvalSpec EMPTY =
      new EvalSpec(null, null, null, null, null, null, null, null, Map.of());

  EvalSpec withDefaults() {
    return new EvalSpec(
        maxExamples == null ? 200 : maxExamples,
        beams == null ? 1 : beams,
        maxNewTokens == null ? 100 : maxNewTokens,
        stereo == null ? "strict" : stereo,
        isotopes == null ? "strict" : isotopes,
        samples == null ? 0 : samples,
        temperature == null ? 1.0 : temperature,
        topK == null ? 0 : topK,
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
    if (samples < 0 || samples > 256) {
      problems.add("eval.samples: " + samples + " is outside 0..256");
    }
    if (!(temperature > 0 && temperature <= 10)) {
      problems.add("eval.temperature: " + temperature + " is outside (0, 10]");
    }
    if (topK < 0) {
      problems.add("eval.topK: must be >= 0 (0: every token)");
    }
    if (!List.of("strict", "ignore").contains(isotopes)) {
      problems.add("eval.isotopes: '" + isotopes + "' is not one of [strict, ignore]");
    }
  }
}
