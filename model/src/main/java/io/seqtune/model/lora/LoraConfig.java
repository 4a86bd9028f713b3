package io.seqtune.model.lora;

import java.util.List;

/**
 * LoRA settings as PEFT names them: rank r, lora_alpha (the update is scaled by alpha / r),
 * lora_dropout on the adapter's input, and target_modules (module names or name suffixes, e.g.
 * q_proj, v_proj, c_attn).
 */
public record LoraConfig(int r, double alpha, double dropout, List<String> targetModules) {
  public LoraConfig {
    targetModules = List.copyOf(targetModules);
    if (r < 1) {
      throw new IllegalArgumentException("LoRA rank must be >= 1");
    }
  }

  public double scale() {
    return alpha / r;
  }

  /**
   * PEFT's rule for a list of targets: the module name equals a target or ends with "." + target.
   */
  public boolean targets(String moduleName) {
    return targetModules.stream()
        .anyMatch(t -> moduleName.equals(t) || moduleName.endsWith("." + t));
  }
}
