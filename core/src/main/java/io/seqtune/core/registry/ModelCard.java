package io.seqtune.core.registry;

import io.seqtune.core.spec.DataSpec;
import io.seqtune.core.spec.ModelSpec;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.PretrainSpec;
import io.seqtune.core.spec.TrainSpec;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code MODEL_CARD.md}, stored inside every registered model version: what it was fine-tuned from
 * (and pretrained on), on which data and format, for how long, how good it was, and the keys that
 * lead back to its dataset, checkpoint and run.
 */
public final class ModelCard {
  public static final String FILE_NAME = "MODEL_CARD.md";

  private ModelCard() {}

  /** {@code spec} has its defaults applied (as the pipeline passes it). */
  public static String markdown(PromoteInput in, String weightsSha256) {
    PipelineSpec spec = in.spec();
    ModelSpec model = spec.model();
    DataSpec data = spec.data();
    TrainSpec train = spec.train();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(spec.task()).append(" model ").append(in.runId()).append("\n\n");
    md.append("## Model\n");
    md.append("- base model: `").append(model.base()).append("`");
    if (model.fromScratch()) {
      md.append(" (GPT-2, ")
          .append(model.layers())
          .append(" layers, hidden ")
          .append(model.hidden())
          .append(", ")
          .append(model.heads())
          .append(" heads, character tokenizer)");
    }
    md.append("\n- tuning: ")
        .append(
            model.loraRank() == 0
                ? "full fine-tuning"
                : "LoRA rank " + model.loraRank() + ", alpha " + model.loraAlpha())
        .append("\n\n");
    md.append("## Data\n");
    md.append("- task: `").append(spec.task()).append("`\n");
    md.append("- source: ")
        .append(data.source())
        .append(data.path() == null ? "" : " `" + data.path() + "`")
        .append(", size ")
        .append(data.size())
        .append(", seed ")
        .append(data.seed())
        .append("\n");
    md.append("- instruction format: ")
        .append(
            data.template() == null
                ? "`" + data.format() + "`"
                : "template `" + data.template() + "`")
        .append("\n\n");
    md.append("## Training\n");
    if (spec.pretrains()) {
      PretrainSpec p = spec.pretrain();
      md.append("- pretraining, before fine-tuning: ")
          .append(p.epochs())
          .append(" epochs as a plain language model on ")
          .append(p.size())
          .append(" unpaired ")
          .append(p.source())
          .append(" texts")
          .append(p.path() == null ? " (seed " + p.seed() + ")" : " from `" + p.path() + "`")
          .append(", none naming a validation or test molecule; learning rate ")
          .append(p.learningRate())
          .append("\n");
    }
    md.append("- epochs: ")
        .append(train.epochs())
        .append(", batch size ")
        .append(train.batchSize())
        .append(", learning rate ")
        .append(train.learningRate())
        .append(" (")
        .append(train.schedule())
        .append(")\n\n");
    md.append("## Metrics (held-out test split)\n| metric | value |\n|---|---|\n");
    Map<String, Double> metrics = in.metrics() == null ? Map.of() : new TreeMap<>(in.metrics());
    metrics.forEach(
        (k, v) ->
            md.append("| ")
                .append(k)
                .append(" | ")
                .append(v == null ? "" : String.format(Locale.ROOT, "%.4f", v))
                .append(" |\n"));
    md.append("\n## Lineage\n");
    md.append("- run: `").append(in.runId()).append("`\n");
    md.append("- dataset: `datasets/").append(in.datasetKey()).append("/`\n");
    md.append("- checkpoint: `").append(in.checkpointKey()).append("`\n");
    md.append("- weights sha256: `").append(weightsSha256).append("`\n");
    return md.toString();
  }
}
