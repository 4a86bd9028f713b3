package io.seqtune.core.spec;

import io.seqtune.text.TaskText;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sequence tasks seqtune trains for, each with its spec id, the default columns of its input
 * and output, the metric that promotes its models, and the words its prompts use.
 *
 * <p>Chemistry tasks draw on chem's (SMILES, name) pairs: {@code smiles2iupac} reads them in that
 * order, {@code iupac2smiles} the other way round. {@code text} is any table of input/output pairs.
 */
public enum Task {
  SMILES_TO_IUPAC(
      "smiles2iupac", "smiles", "iupac", "roundtrip_accuracy", TaskText.SMILES_TO_IUPAC),
  IUPAC_TO_SMILES(
      "iupac2smiles",
      "iupac",
      "smiles",
      "roundtrip_accuracy",
      new TaskText("Translate the IUPAC name into a SMILES string.", "IUPAC", "SMILES")),
  TEXT(
      "text",
      "input",
      "output",
      "exact_match",
      new TaskText("Transform the input into the output.", "Input", "Output"));

  /** The task a spec without one runs. */
  public static final Task DEFAULT = SMILES_TO_IUPAC;

  private final String id;
  private final String inputColumn;
  private final String outputColumn;
  private final String defaultMetric;
  private final TaskText text;

  Task(String id, String inputColumn, String outputColumn, String defaultMetric, TaskText text) {
    this.id = id;
    this.inputColumn = inputColumn;
    this.outputColumn = outputColumn;
    this.defaultMetric = defaultMetric;
    this.text = text;
  }

  /** The task a spec id names, if any. */
  public static Optional<Task> byId(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  /** The task a validated spec names; throws naming the valid ids otherwise. */
  public static Task of(String id) {
    return byId(id)
        .orElseThrow(
            () -> new IllegalArgumentException("task: '" + id + "' is not one of " + ids()));
  }

  /** Every spec id, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Task::id).toList();
  }

  public String id() {
    return id;
  }

  /** The column of a data file holding the model's input, unless the spec names another. */
  public String inputColumn() {
    return inputColumn;
  }

  /** The column of a data file holding the model's output, unless the spec names another. */
  public String outputColumn() {
    return outputColumn;
  }

  /** The metric a new model must beat the champion on, unless the spec names another. */
  public String defaultMetric() {
    return defaultMetric;
  }

  /** The instruction and labels prompts use. */
  public TaskText text() {
    return text;
  }

  /** Chemistry tasks have synthetic and PubChem data, curation, and OPSIN-judged answers. */
  public boolean chemistry() {
    return this != TEXT;
  }

  /** The model writes IUPAC names, which OPSIN parses back for the round-trip metrics. */
  public boolean writesNames() {
    return this == SMILES_TO_IUPAC;
  }

  /** The model reads chem's (SMILES, name) pairs the other way round: name in, SMILES out. */
  public boolean reversesChemPairs() {
    return this == IUPAC_TO_SMILES;
  }
}
