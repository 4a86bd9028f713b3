package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An optional stage before fine-tuning: a model from scratch learns unpaired domain text as a plain
 * causal language model (the loss on every token of each text), then fine-tunes from those weights
 * with a fresh optimizer and its own learning-rate schedule.
 *
 * <p>{@code source}: {@code synthetic} (the synthetic generator's molecules, each giving its SMILES
 * and its name as two separate texts; chemistry tasks only) or {@code file} (one text per line at
 * {@code path}, plain or {@code .gz}; a line {@code CID<TAB>text}, as PubChem's files have, keeps
 * the text). {@code size} is the number of texts read or generated (default 20000) before any that
 * would leak the dataset's validation or test answers are removed. {@code epochs} (default 3),
 * {@code learningRate} (default {@code train.learningRate}) and {@code seed} (the synthetic
 * molecules' seed, default 101) are the stage's own; batch size, warm-up, schedule, weight decay,
 * clipping, precision, checkpoint cadence and heartbeat come from {@code train}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PretrainSpec(
    Integer epochs,
    Integer size,
    String source,
    String path,
    Long seed,
    Double learningRate,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  public static final List<String> SOURCES = List.of("synthetic", "file");
  public static final int MAX_SIZE = 10_000_000;

  PretrainSpec withDefaults(Task task, TrainSpec train) {
    return new PretrainSpec(
        epochs == null ? 3 : epochs,
        size == null ? 20_000 : size,
        source == null ? (task.chemistry() ? "synthetic" : "file") : source,
        path,
        seed == null ? 101L : seed,
        learningRate == null ? train.learningRate() : learningRate,
        unknown == null ? Map.of() : unknown);
  }

  /** The optimisation of the stage: {@code fineTuning}'s, with this stage's epochs and rate. */
  public TrainSpec training(TrainSpec fineTuning) {
    TrainSpec t = fineTuning;
    return new TrainSpec(
        epochs,
        t.batchSize(),
        learningRate,
        t.warmupSteps(),
        t.schedule(),
        t.weightDecay(),
        t.gradClip(),
        t.gradAccumulation(),
        t.seed(),
        t.checkpointEverySteps(),
        t.keepCheckpoints(),
        t.heartbeatSeconds(),
        t.precision(),
        Map.of());
  }

  /**
   * {@code task} is null when the spec's task is unknown (reported by the spec); {@code model} has
   * its defaults.
   */
  void validate(Task task, ModelSpec model, List<String> problems) {
    Unknown.report("pretrain.", unknown, problems);
    if (!model.fromScratch()) {
      problems.add(
          "pretrain: only a model from scratch (model.base 'scratch') is pretrained here; base '"
              + model.base()
              + "' is pretrained already");
    }
    if (epochs < 1 || epochs > 1000) {
      problems.add("pretrain.epochs: " + epochs + " is outside 1..1000");
    }
    if (size < 10 || size > MAX_SIZE) {
      problems.add("pretrain.size: " + size + " is outside 10.." + MAX_SIZE + " texts");
    }
    if (!SOURCES.contains(source)) {
      problems.add("pretrain.source: '" + source + "' is not one of " + SOURCES);
    }
    if ("synthetic".equals(source) && task != null && !task.chemistry()) {
      problems.add("pretrain.source: synthetic text exists for chemistry tasks only; give a file");
    }
    if ("file".equals(source) && (path == null || path.isBlank())) {
      problems.add("pretrain.path: required for source 'file' (one text per line, plain or .gz)");
    }
    if (path != null && !"file".equals(source)) {
      problems.add("pretrain.path: only read with source 'file'");
    }
    if (!(learningRate > 0 && learningRate < 1)) {
      problems.add("pretrain.learningRate: " + learningRate + " is outside (0, 1)");
    }
  }
}
