package io.seqtune.text;

import java.util.Locale;

/** The built-in prompt formats. The model produces the response after the prompt, then EOS. */
public enum InstructionFormat implements PromptFormat {
  /** "SMILES CCO IUPAC " → "ethanol". */
  BARE("{input_label} {input} {output_label} "),
  /** Alpaca-style sections. */
  INSTRUCTION("### Instruction:\n{description}\n\n### Input:\n{input}\n\n### Response:\n"),
  /** Chat turns with role markers. */
  CHAT("<|user|>\n{description}\n{input}\n<|assistant|>\n"),
  /** The input and one separator token: the shortest prompt, for tiny models. */
  SEPARATOR("{input}<sep>");

  private final PromptTemplate template;

  InstructionFormat(String promptTemplate) {
    this.template =
        new PromptTemplate(
            name().toLowerCase(Locale.ROOT), promptTemplate + PromptTemplate.RESPONSE);
  }

  @Override
  public String id() {
    return template.id();
  }

  @Override
  public Prompted render(String input, TaskText task) {
    return template.render(input, task);
  }

  /** The prompt for SMILES→IUPAC with a custom instruction. */
  public Prompted render(String input, String taskDescription) {
    return render(input, TaskText.SMILES_TO_IUPAC.withDescription(taskDescription));
  }

  /** A built-in format by id ("bare", "instruction", "chat", "separator"), case-insensitive. */
  public static InstructionFormat byId(String id) {
    for (InstructionFormat format : values()) {
      if (format.id().equalsIgnoreCase(id)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown prompt format '" + id + "'; built in: bare, instruction, chat, separator");
  }
}
