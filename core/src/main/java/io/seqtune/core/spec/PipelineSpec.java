package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one fine-tuning run does, as the JSON a user passes to {@code seqtune run} or {@code
 * temporal workflow start --input}. Every part may be omitted; {@link #withDefaults()} fills the
 * gaps, {@link #validate()} names every problem at once.
 *
 * <p>Unknown JSON fields are captured rather than rejected by the decoder: a decoding failure
 * inside a workflow task would be retried for ever, whereas validation fails the run clearly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineSpec(
    String task,
    String runId,
    DataSpec data,
    ModelSpec model,
    TrainSpec train,
    EvalSpec eval,
    PromoteSpec promote,
    PretrainSpec pretrain,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  public static final List<String> TASKS = Task.ids();

  public PipelineSpec withDefaults() {
    String t = task == null ? Task.DEFAULT.id() : task;
    // An unknown task is reported by validate(); the other parts take the default task's defaults
    // meanwhile, so that validate() reports their problems too.
    Task defaults = Task.byId(t).orElse(Task.DEFAULT);
    return new PipelineSpec(
        t,
        runId,
        (data == null ? DataSpec.EMPTY : data).withDefaults(defaults),
        (model == null ? ModelSpec.EMPTY : model).withDefaults(),
        (train == null ? TrainSpec.EMPTY : train).withDefaults(),
        (eval == null ? EvalSpec.EMPTY : eval).withDefaults(),
        (promote == null ? PromoteSpec.EMPTY : promote).withDefaults(defaults),
        // Absent stays absent: a spec without pretraining serialises, and hashes, as before.
        pretrain == null ? null : pretrain.withDefaults(defaults, trainWithDefaults()),
        unknown == null ? Map.of() : unknown);
  }

  private TrainSpec trainWithDefaults() {
    return (train == null ? TrainSpec.EMPTY : train).withDefaults();
  }

  /** The task of a validated spec. */
  public Task taskType() {
    return Task.of(task);
  }

  /** Throws {@link SpecException} listing every problem; call on a spec with defaults applied. */
  public PipelineSpec validate() {
    List<String> problems = new ArrayList<>();
    Unknown.report("", unknown, problems);
    Optional<Task> known = Task.byId(task);
    if (known.isEmpty()) {
      problems.add("task: '" + task + "' is not one of " + TASKS);
    }
    if (runId != null && !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      problems.add("runId: '" + runId + "' must be 1-100 letters, digits, '.', '_' or '-'");
    }
    data.validate(known.orElse(null), problems);
    model.validate(problems);
    train.validate(problems);
    eval.validate(problems);
    promote.validate(problems);
    if (pretrain != null) {
      pretrain.validate(known.orElse(null), model, problems);
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    return this;
  }

  /** Whether the run pretrains its model before fine-tuning it. */
  public boolean pretrains() {
    return pretrain != null;
  }

  public PipelineSpec withRunId(String id) {
    return new PipelineSpec(task, id, data, model, train, eval, promote, pretrain, unknown);
  }
}
