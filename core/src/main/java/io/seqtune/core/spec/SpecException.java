package io.seqtune.core.spec;

import java.util.List;

/** A spec that cannot run; the message lists every problem, one per line. */
public final class SpecException extends IllegalArgumentException {
  private final List<String> problems;

  public SpecException(List<String> problems) {
    super("invalid pipeline spec:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
