package io.seqtune.activities.tasks;

import io.seqtune.activities.dataset.Example;
import io.seqtune.activities.spec.PipelineSpec;
import io.seqtune.chem.PromptFormat;
import io.seqtune.chem.PromptTemplate;
import io.seqtune.chem.Prompted;
import io.seqtune.chem.TaskText;
import java.util.Map;

/**
 * Turns a task's examples into instruction text with the spec's format: the prompt the model reads
 * and the response it learns (and later generates).
 */
public final class ExampleFormatter {
  private static final Map<String, TaskText> TASK_TEXTS =
      Map.of(
          "smiles2iupac", TaskText.SMILES_TO_IUPAC,
          "iupac2smiles",
              new TaskText("Translate the IUPAC name into a SMILES string.", "IUPAC", "SMILES"),
          "text", new TaskText("Transform the input into the output.", "Input", "Output"));

  private final PromptFormat format;
  private final TaskText task;

  public ExampleFormatter(String task, String formatOrTemplate) {
    this.format = PromptTemplate.parse(formatOrTemplate);
    this.task = TASK_TEXTS.get(task);
  }

  public static ExampleFormatter of(PipelineSpec spec) {
    return new ExampleFormatter(
        spec.task(),
        spec.data().template() != null ? spec.data().template() : spec.data().format());
  }

  public Prompted training(Example example) {
    return format.render(example.input(), example.output(), task);
  }

  public String prompt(String input) {
    return format.render(input, task).prompt();
  }

  /** The answer inside generated text. */
  public String answer(String generated) {
    return format.extractResponse(generated);
  }
}
