package io.seqtune.core.evaluation;

import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.model.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Batched decoding of inputs into answers with a model bundle: greedy, or the top beam. */
public final class Translator {
  private static final int BATCH = 32;

  private final ModelBundle bundle;
  private final Generator generator;

  public Translator(ModelBundle bundle) {
    this.bundle = bundle;
    this.generator = new Generator(bundle.model());
  }

  /** One answer per input; {@code progress} is told how many are done after each batch. */
  public List<String> translate(
      List<String> inputs, int beams, int maxNewTokens, IntConsumer progress) {
    return candidates(inputs, beams, maxNewTokens, 1, progress).stream()
        .map(c -> c.get(0))
        .toList();
  }

  /**
   * Up to {@code k} candidates per input, best first, decoded batch by batch with {@code progress}
   * told after each.
   */
  public List<List<String>> candidates(
      List<String> inputs, int beams, int maxNewTokens, int k, IntConsumer progress) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i += BATCH) {
      out.addAll(
          candidates(
              inputs.subList(i, Math.min(inputs.size(), i + BATCH)), beams, maxNewTokens, k));
      progress.accept(out.size());
    }
    return out;
  }

  /** Up to {@code k} candidate answers per input, best first. */
  public List<List<String>> candidates(List<String> inputs, int beams, int maxNewTokens, int k) {
    List<int[]> prompts = inputs.stream().map(bundle::encodePrompt).toList();
    // The model reads at most maxPositions tokens: long prompts leave less room for the answer.
    int longest = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    int room = bundle.model().config().maxPositions() - longest;
    if (room < 1) {
      throw new IllegalArgumentException(
          "input of "
              + longest
              + " tokens leaves no room to answer within the model's "
              + bundle.model().config().maxPositions()
              + " positions");
    }
    maxNewTokens = Math.min(maxNewTokens, room);
    int eos = bundle.tokenizer().eosId();
    List<List<String>> out = new ArrayList<>();
    if (beams <= 1) {
      for (int[] ids : generator.greedy(prompts, maxNewTokens, eos)) {
        out.add(List.of(bundle.decodeAnswer(ids)));
      }
      return out;
    }
    for (List<int[]> hypotheses :
        generator.beam(prompts, beams, maxNewTokens, eos, 1.0, Math.min(k, beams))) {
      out.add(hypotheses.stream().map(bundle::decodeAnswer).toList());
    }
    return out;
  }
}
