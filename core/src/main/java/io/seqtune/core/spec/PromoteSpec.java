package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * When a trained model replaces the task's champion: {@code metric} must reach {@code minValue}
 * (default {@value #DEFAULT_MIN_VALUE} for the accuracy metrics, no floor for {@code
 * neg_edit_distance}) and beat the champion by {@code minImprovement}. A model below the floor is
 * registered but never champion, so {@code translate --model champion} never serves a useless first
 * model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromoteSpec(
    Boolean enabled,
    String metric,
    Double minImprovement,
    Double minValue,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  public static final double DEFAULT_MIN_VALUE = 0.05;
  static final PromoteSpec EMPTY = new PromoteSpec(null, null, null, null, Map.of());
  public static final List<String> METRICS =
      List.of("roundtrip_accuracy", "exact_match", "neg_edit_distance", "bleu4");

  PromoteSpec withDefaults(Task task) {
    String m = metric == null ? task.defaultMetric() : metric;
    return new PromoteSpec(
        enabled == null ? Boolean.TRUE : enabled,
        m,
        minImprovement == null ? 0.0 : minImprovement,
        minValue != null || "neg_edit_distance".equals(m) ? minValue : DEFAULT_MIN_VALUE,
        unknown == null ? Map.of() : unknown);
  }

  void validate(List<String> problems) {
    Unknown.report("promote.", unknown, problems);
    if (!METRICS.contains(metric)) {
      problems.add("promote.metric: '" + metric + "' is not one of " + METRICS);
    }
  }
}
