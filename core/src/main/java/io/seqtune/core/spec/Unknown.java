package io.seqtune.core.spec;

import java.util.List;
import java.util.Map;

/** Turns the fields a spec record captured but does not know into readable problems. */
public final class Unknown {
  private Unknown() {}

  public static void report(String prefix, Map<String, Object> unknown, List<String> problems) {
    if (unknown == null) {
      return;
    }
    unknown.keySet().stream().sorted().forEach(k -> problems.add(prefix + k + ": unknown field"));
  }
}
