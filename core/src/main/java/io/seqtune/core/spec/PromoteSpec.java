package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * When a trained model replaces the task's champion: {@code metric} must beat it by {@code
 * minImprovement}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromoteSpec(
    Boolean enabled,
    String metric,
    Double minImprovement,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  static final PromoteSpec EMPTY = new PromoteSpec(null, null, null, Map.of());
  public static final List<String> METRICS =
      List.of("roundtrip_accuracy", "exact_match", "neg_edit_distance", "bleu4");

  PromoteSpec withDefaults(Task task) {
    return new PromoteSpec(
        enabled == null ? Boolean.TRUE : enabled,
        metric == null ? task.defaultMetric() : metric,
        minImprovement == null ? 0.0 : minImprovement,
        unknown == null ? Map.of() : unknown);
  }

  void validate(List<String> problems) {
    Unknown.report("promote.", unknown, problems);
    if (!METRICS.contains(metric)) {
      problems.add("promote.metric: '" + metric + "' is not one of " + METRICS);
    }
  }
}
