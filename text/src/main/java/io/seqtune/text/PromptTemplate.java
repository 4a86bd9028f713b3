package io.seqtune.text;

/**
 * A custom prompt format from a spec, e.g. {@code "Name this molecule: {input}\nName: {response}"}.
 * Placeholders: {description}, {input_label}, {output_label}, {input} and exactly one {response};
 * text after {response} belongs to the response (the model learns to produce it, then EOS).
 */
public record PromptTemplate(String id, String template) implements PromptFormat {
  public static final String RESPONSE = "{response}";

  public PromptTemplate {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a prompt template needs an id");
    }
    int first = template == null ? -1 : template.indexOf(RESPONSE);
    if (first < 0 || template.indexOf(RESPONSE, first + 1) >= 0) {
      throw new IllegalArgumentException(
          "prompt template '" + id + "' must contain " + RESPONSE + " exactly once: " + template);
    }
    if (!template.substring(0, first).contains("{input}")) {
      throw new IllegalArgumentException(
          "prompt template '" + id + "' must contain {input} before " + RESPONSE + ": " + template);
    }
  }

  /** A spec's format value: a built-in id, or a template containing {input} and {response}. */
  public static PromptFormat parse(String idOrTemplate) {
    return idOrTemplate.contains(RESPONSE)
        ? new PromptTemplate("custom", idOrTemplate)
        : InstructionFormat.byId(idOrTemplate);
  }

  @Override
  public Prompted render(String input, TaskText task) {
    String prompt =
        template
            .substring(0, template.indexOf(RESPONSE))
            .replace("{description}", task.description())
            .replace("{input_label}", task.inputLabel())
            .replace("{output_label}", task.outputLabel())
            .replace("{input}", input);
    return new Prompted(prompt, null);
  }

  @Override
  public String responseEnd() {
    return template.substring(template.indexOf(RESPONSE) + RESPONSE.length());
  }
}
