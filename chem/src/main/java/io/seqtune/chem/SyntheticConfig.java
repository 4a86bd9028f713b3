package io.seqtune.chem;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.seqtune.chem.synthetic.NameGrammar;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the synthetic generator makes.
 *
 * @param size number of distinct structures wanted
 * @param seed the same seed gives the same pairs
 * @param familyMix family id → relative weight (need not sum to 1); families left out are not drawn
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyntheticConfig(int size, long seed, Map<String, Double> familyMix) {
  /**
   * Every family, tilted toward small molecules with regular names so that a tiny model trained for
   * minutes can learn the mapping; stereo and substituent groups are present but rarer.
   */
  public static final Map<String, Double> DEFAULT_MIX = defaultMix();

  public SyntheticConfig {
    if (size < 0) {
      throw new IllegalArgumentException("synthetic size must be >= 0, got " + size);
    }
    if (familyMix == null || familyMix.isEmpty()) {
      throw new IllegalArgumentException("synthetic family mix is empty; families: " + families());
    }
    for (Map.Entry<String, Double> entry : familyMix.entrySet()) {
      if (!families().contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "unknown synthetic family '" + entry.getKey() + "'; families: " + families());
      }
      if (entry.getValue() == null || entry.getValue() < 0 || entry.getValue().isNaN()) {
        throw new IllegalArgumentException(
            "weight of family '" + entry.getKey() + "' must be >= 0, got " + entry.getValue());
      }
    }
    if (familyMix.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new IllegalArgumentException("synthetic family weights sum to 0");
    }
    familyMix = Collections.unmodifiableMap(new LinkedHashMap<>(familyMix));
  }

  public static SyntheticConfig defaults(int size, long seed) {
    return new SyntheticConfig(size, seed, DEFAULT_MIX);
  }

  /** The family ids, in generation order. */
  public static List<String> families() {
    return NameGrammar.families();
  }

  private static Map<String, Double> defaultMix() {
    Map<String, Double> mix = new LinkedHashMap<>();
    mix.put("alkanes", 0.08);
    mix.put("alkenes_alkynes", 0.10);
    mix.put("cycloalkanes", 0.10);
    mix.put("arenes", 0.14);
    mix.put("heteroaromatics", 0.14);
    mix.put("saturated_heterocycles", 0.08);
    mix.put("principal_groups", 0.18);
    mix.put("substituent_groups", 0.10);
    mix.put("stereo", 0.08);
    return Collections.unmodifiableMap(mix);
  }
}
