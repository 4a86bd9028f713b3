package io.seqtune.core.spec;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The model to fine-tune: {@code base = "scratch"} builds a small GPT-2 from the shape fields with
 * a tokenizer fitted on the training split: {@code tokenizer = "char"} (the default, one token per
 * character) or {@code "bpe"} (a byte-pair encoding of {@code bpeMerges} merges, default 200, saved
 * as a Hugging Face tokenizer.json); otherwise {@code base} is a Hugging Face model directory
 * (config.json, safetensors, tokenizer.json) readable by the trainer workers. {@code loraRank > 0}
 * trains a LoRA adapter instead of every weight. {@code dropout} sets every dropout probability the
 * model's config lists; unset, a model from scratch trains without dropout (a small model on a CPU
 * budget is under-fitted and dropout only slows it: docs/demo.md), and a Hugging Face base keeps
 * its config's values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSpec(
    String base,
    Integer layers,
    Integer hidden,
    Integer heads,
    Integer maxLength,
    Double dropout,
    Integer loraRank,
    Double loraAlpha,
    List<String> loraTargets,
    String device,
    String tokenizer,
    Integer bpeMerges,
    @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

  static final ModelSpec EMPTY =
      new ModelSpec(
          null, null, null, null, null, null, null, null, null, null, null, null, Map.of());
  public static final String SCRATCH = "scratch";
  public static final String BPE = "bpe";
  private static final int DEFAULT_BPE_MERGES = 200;

  ModelSpec withDefaults() {
    String resolvedBase = base == null ? SCRATCH : base;
    return new ModelSpec(
        resolvedBase,
        layers == null ? 3 : layers,
        hidden == null ? 192 : hidden,
        heads == null ? 6 : heads,
        maxLength == null ? 160 : maxLength,
        dropout == null && SCRATCH.equals(resolvedBase) ? Double.valueOf(0.0) : dropout,
        loraRank == null ? 0 : loraRank,
        loraAlpha == null ? 2.0 * (loraRank == null ? 0 : loraRank) : loraAlpha,
        loraTargets == null ? List.of() : loraTargets,
        device == null ? "cpu" : device,
        tokenizer,
        bpeMerges == null && BPE.equals(tokenizer)
            ? Integer.valueOf(DEFAULT_BPE_MERGES)
            : bpeMerges,
        unknown == null ? Map.of() : unknown);
  }

  @JsonIgnore
  public boolean fromScratch() {
    return SCRATCH.equals(base);
  }

  /** A model from scratch with a learned byte-pair encoding rather than characters. */
  @JsonIgnore
  public boolean bpe() {
    return BPE.equals(tokenizer);
  }

  void validate(List<String> problems) {
    Unknown.report("model.", unknown, problems);
    if (base.isBlank()) {
      problems.add("model.base: give 'scratch' or a Hugging Face model directory");
    }
    if (layers < 1 || hidden < 8 || heads < 1 || hidden % heads != 0) {
      problems.add(
          "model: layers >= 1, hidden >= 8 and hidden divisible by heads (got "
              + layers
              + "/"
              + hidden
              + "/"
              + heads
              + ")");
    }
    if (maxLength < 16 || maxLength > 4096) {
      problems.add("model.maxLength: " + maxLength + " is outside 16..4096");
    }
    if (dropout != null && !(dropout >= 0 && dropout < 1)) {
      problems.add("model.dropout: " + dropout + " is outside [0, 1)");
    }
    if (loraRank < 0) {
      problems.add("model.loraRank: must be >= 0");
    }
    if (tokenizer != null && !List.of("char", BPE).contains(tokenizer)) {
      problems.add("model.tokenizer: '" + tokenizer + "' is not one of [char, bpe]");
    } else if (tokenizer != null && !fromScratch()) {
      problems.add(
          "model.tokenizer: only a model from scratch learns a tokenizer (base has its own)");
    }
    if (bpeMerges != null && (!bpe() || bpeMerges < 0 || bpeMerges > 100_000)) {
      problems.add(
          "model.bpeMerges: give 0..100000 with model.tokenizer 'bpe' (got " + bpeMerges + ")");
    }
    if (!List.of("cpu", "gpu").contains(device)) {
      problems.add("model.device: '" + device + "' is not one of [cpu, gpu]");
    }
  }
}
