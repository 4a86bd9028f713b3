package io.seqtune.text;

/**
 * The words a prompt format uses for a task.
 *
 * @param description the instruction, e.g. "Translate the SMILES string into its IUPAC name."
 * @param inputLabel what the input is called, e.g. "SMILES"
 * @param outputLabel what the output is called, e.g. "IUPAC"
 */
public record TaskText(String description, String inputLabel, String outputLabel) {
  public static final TaskText SMILES_TO_IUPAC =
      new TaskText("Translate the SMILES string into its IUPAC name.", "SMILES", "IUPAC");

  public TaskText withDescription(String newDescription) {
    return new TaskText(newDescription, inputLabel, outputLabel);
  }
}
