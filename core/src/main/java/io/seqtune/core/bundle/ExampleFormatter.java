package io.seqtune.core.bundle;

import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.Task;
import io.seqtune.text.PromptFormat;
import io.seqtune.text.PromptTemplate;
import io.seqtune.text.Prompted;
import io.seqtune.text.TaskText;

/**
 * Turns a task's examples into instruction text with the spec's format: the prompt the model reads
 * and the response it learns (and later generates).
 */
public final class ExampleFormatter {
  private final PromptFormat format;
  private final TaskText task;

  public ExampleFormatter(String task, String formatOrTemplate) {
    this.format = PromptTemplate.parse(formatOrTemplate);
    this.task = Task.of(task).text();
  }

  public static ExampleFormatter of(PipelineSpec spec) {
    return new ExampleFormatter(spec.task(), spec.data().formatOrTemplate());
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
