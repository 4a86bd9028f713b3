package io.seqtune.chem;

/**
 * A molecule, name or chemistry input that could not be understood; the message says which and why.
 */
public class ChemException extends RuntimeException {
  public ChemException(String message) {
    super(message);
  }

  public ChemException(String message, Throwable cause) {
    super(message, cause);
  }
}
