package io.seqtune.workflows.sweep;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.core.report.GridCell;
import io.seqtune.core.spec.DataSpec;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.SpecException;
import io.seqtune.core.spec.Unknown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The paper's grid, as JSON for {@code seqtune sweep} or {@code temporal workflow start --type
 * Sweep}: base models × training-set sizes × epochs × instruction formats × tuning ({@code
 * loraRanks}, 0 = full fine-tuning), each cell a {@code FineTunePipeline} of {@code base} with
 * those five values. An omitted axis takes {@code base}'s value. At most {@code concurrency} cells
 * run at once; {@code metric} is the one the plots show.
 *
 * <p>Unknown fields are captured and reported by {@link #validate()}, as in {@link PipelineSpec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSpec(
    String sweepId,
    PipelineSpec base,
    List<String> models,
    List<Integer> sizes,
    List<Integer> epochs,
    List<String> formats,
    List<Integer> loraRanks,
    Integer concurrency,
    String metric,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  public static final List<String> METRICS =
      List.of(
          "roundtrip_accuracy",
          "exact_match",
          "bleu4",
          "parse_rate",
          "mean_tanimoto",
          "verified_coverage",
          "val_loss");
  static final int MAX_CELLS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  public SweepSpec withDefaults() {
    PipelineSpec b =
        base == null
            ? new PipelineSpec(null, null, null, null, null, null, null, null, Map.of())
            : base;
    PipelineSpec d = b.withDefaults();
    return new SweepSpec(
        sweepId,
        b,
        models == null ? List.of(d.model().base()) : models,
        // A file or PubChem base without data.size is read whole: its sizes must then be listed.
        sizes == null ? (d.data().size() == null ? List.of() : List.of(d.data().size())) : sizes,
        epochs == null ? List.of(d.train().epochs()) : epochs,
        formats == null ? List.of(d.data().format()) : formats,
        loraRanks == null ? List.of(d.model().loraRank()) : loraRanks,
        concurrency == null ? 2 : concurrency,
        metric == null ? d.promote().metric() : metric,
        unknown == null ? Map.of() : unknown);
  }

  /**
   * Throws {@link IllegalArgumentException} naming every problem, each cell's pipeline spec
   * included; call on a spec with defaults applied.
   */
  public SweepSpec validate() {
    List<String> problems = new ArrayList<>();
    Unknown.report("", unknown, problems);
    if (sweepId != null && !sweepId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
      problems.add("sweepId: '" + sweepId + "' must be 1-40 letters, digits, '.', '_' or '-'");
    }
    try {
      base.withDefaults().validate();
    } catch (SpecException e) {
      e.problems().forEach(p -> problems.add("base." + p));
    }
    axis("models", models, m -> m.isBlank() ? "blank model" : null, problems);
    if (sizes.isEmpty() && base.withDefaults().data().size() == null) {
      problems.add(
          "sizes: the base reads its data file whole (no data.size); list the training-set sizes to sweep");
    } else {
      axis("sizes", sizes, n -> n < 10 ? n + " is below 10 examples" : null, problems);
    }
    axis("epochs", epochs, n -> n < 1 || n > 1000 ? n + " is outside 1..1000" : null, problems);
    axis(
        "formats",
        formats,
        f -> DataSpec.FORMATS.contains(f) ? null : "'" + f + "' is not one of " + DataSpec.FORMATS,
        problems);
    axis(
        "loraRanks",
        loraRanks,
        r -> r < 0 ? r + " is negative (0 = full fine-tuning)" : null,
        problems);
    if (base.data() != null && base.data().template() != null && formats.size() > 1) {
      problems.add("formats: base.data.template overrides the format; remove it to sweep formats");
    }
    if (concurrency < 1 || concurrency > 64) {
      problems.add("concurrency: " + concurrency + " is outside 1..64");
    }
    if (!METRICS.contains(metric)) {
      problems.add("metric: '" + metric + "' is not one of " + METRICS);
    }
    long cells =
        (long) models.size() * sizes.size() * epochs.size() * formats.size() * loraRanks.size();
    if (cells > MAX_CELLS) {
      problems.add("the grid has " + cells + " cells; at most " + MAX_CELLS);
    }
    if (problems.isEmpty()) {
      for (SweepCell cell : cells(sweepId == null ? "x".repeat(40) : sweepId)) {
        try {
          cell.spec().withDefaults().validate();
        } catch (SpecException e) {
          e.problems().forEach(p -> problems.add("cell " + cell.cell().id() + ": " + p));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid sweep spec:\n  - " + String.join("\n  - ", problems));
    }
    return this;
  }

  public SweepSpec withSweepId(String id) {
    return new SweepSpec(
        id, base, models, sizes, epochs, formats, loraRanks, concurrency, metric, unknown);
  }

  private static <T> void axis(
      String name, List<T> values, Function<T, String> check, List<String> problems) {
    if (values.isEmpty()) {
      problems.add(name + ": give at least one value (or omit it to use base's)");
    }
    if (new HashSet<>(values).size() != values.size()) {
      problems.add(name + ": values repeat");
    }
    values.stream().map(check).filter(p -> p != null).forEach(p -> problems.add(name + ": " + p));
  }

  /**
   * Every cell of the grid, in a fixed order; ids are unique and readable, e.g. {@code
   * scratch-n600-e3-chat-full}.
   */
  public List<SweepCell> cells(String id) {
    List<String> labels = modelLabels();
    List<SweepCell> out = new ArrayList<>();
    for (int m = 0; m < models.size(); m++) {
      for (int size : sizes) {
        for (int epoch : epochs) {
          for (String format : formats) {
            for (int rank : loraRanks) {
              String cellId =
                  labels.get(m)
                      + "-n"
                      + size
                      + "-e"
                      + epoch
                      + "-"
                      + format
                      + "-"
                      + (rank == 0 ? "full" : "lora" + rank);
              String workflowId = id + "-" + cellId;
              out.add(
                  new SweepCell(
                      new GridCell(cellId, workflowId, models.get(m), size, epoch, format, rank),
                      cellSpec(workflowId, models.get(m), size, epoch, format, rank)));
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * The last path element of each model, made id-safe; the model's index is appended where two
   * clash.
   */
  private List<String> modelLabels() {
    List<String> labels = new ArrayList<>();
    for (String model : models) {
      Path name = Path.of(model).getFileName();
      String label = (name == null ? "model" : name.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
      label = label.substring(0, Math.min(20, label.length()));
      labels.add(labels.contains(label) ? label + labels.size() : label);
    }
    return labels;
  }

  /**
   * {@code base} with the cell's five values (and its run id) set; base's other choices are kept as
   * given.
   */
  private PipelineSpec cellSpec(
      String runId, String model, int size, int epoch, String format, int rank) {
    ObjectNode tree = JSON.valueToTree(base);
    tree.put("runId", runId);
    child(tree, "data").put("size", size).put("format", format);
    child(tree, "model").put("base", model).put("loraRank", rank);
    child(tree, "train").put("epochs", epoch);
    try {
      return JSON.treeToValue(tree, PipelineSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot build the spec of cell " + runId, e);
    }
  }

  private static ObjectNode child(ObjectNode tree, String field) {
    return tree.has(field) && tree.get(field).isObject()
        ? (ObjectNode) tree.get(field)
        : tree.putObject(field);
  }
}
