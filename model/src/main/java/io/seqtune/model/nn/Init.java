package io.seqtune.model.nn;

/** How a freshly created parameter is initialised (ignored when weights come from a checkpoint). */
public record Init(Kind kind, double std) {
  public enum Kind {
    NORMAL,
    ZEROS,
    ONES
  }

  /** Normal with the model's initializer_range. */
  public static Init normal() {
    return new Init(Kind.NORMAL, Double.NaN);
  }

  public static Init normal(double std) {
    return new Init(Kind.NORMAL, std);
  }

  public static Init zeros() {
    return new Init(Kind.ZEROS, 0);
  }

  public static Init ones() {
    return new Init(Kind.ONES, 0);
  }
}
