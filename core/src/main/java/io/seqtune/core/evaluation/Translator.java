package io.seqtune.core.evaluation;

import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.model.Generator;
import io.seqtune.model.Sampler;
import io.seqtune.model.nn.PackedWeights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Batched decoding of inputs into answers with a model bundle: greedy, the top beam, or a list of
 * candidates from beams and samples.
 */
public final class Translator {
  private static final int BATCH = 32;
  // Sampled sequences decoded at once: with many samples a batch holds fewer inputs, so the KV
  // cache stays near the size of 32 beam-searched inputs.
  private static final int SAMPLED_ROWS = 256;

  private final ModelBundle bundle;
  private final Generator generator;

  public Translator(ModelBundle bundle) {
    this.bundle = bundle;
    this.generator = new Generator(bundle.model());
  }

  /** One answer per input; {@code progress} is told how many are done after each batch. */
  public List<String> translate(
      List<String> inputs, int beams, int maxNewTokens, IntConsumer progress) {
    return candidates(inputs, CandidateSearch.beamsOnly(beams), maxNewTokens, progress).stream()
        .map(c -> c.get(0))
        .toList();
  }

  /**
   * The candidates {@code search} asks for, per input: the beams best first, then the distinct
   * samples not among them, most likely first; {@code progress} is told after each batch.
   */
  public List<List<String>> candidates(
      List<String> inputs, CandidateSearch search, int maxNewTokens, IntConsumer progress) {
    // Weights packed for inference once, not per batch: at GPT-2 124M packing costs several steps.
    try (PackedWeights packed = bundle.model().packWeights()) {
      return inBatches(inputs, search, maxNewTokens, progress);
    }
  }

  private List<List<String>> inBatches(
      List<String> inputs, CandidateSearch search, int maxNewTokens, IntConsumer progress) {
    int batchSize =
        search.samples() == 0
            ? BATCH
            : Math.max(1, Math.min(BATCH, SAMPLED_ROWS / search.samples()));
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i += batchSize) {
      List<String> batch = inputs.subList(i, Math.min(inputs.size(), i + batchSize));
      List<List<String>> beamed = candidates(batch, search.beams(), maxNewTokens, search.beams());
      if (search.samples() == 0) {
        out.addAll(beamed);
      } else {
        List<int[]> prompts = batch.stream().map(bundle::encodePrompt).toList();
        List<List<Sampler.Sample>> drawn =
            new Sampler(bundle.model())
                .sample(
                    prompts,
                    room(prompts, maxNewTokens),
                    bundle.tokenizer().eosId(),
                    search.sampling(i));
        for (int j = 0; j < batch.size(); j++) {
          Set<String> merged = new LinkedHashSet<>(beamed.get(j));
          drawn.get(j).stream()
              .sorted(Comparator.comparingDouble(Sampler.Sample::logProb).reversed())
              .forEach(s -> merged.add(bundle.decodeAnswer(s.tokens())));
          out.add(List.copyOf(merged));
        }
      }
      progress.accept(out.size());
    }
    return out;
  }

  /** Up to {@code k} candidate answers per input, best first. */
  public List<List<String>> candidates(List<String> inputs, int beams, int maxNewTokens, int k) {
    List<int[]> prompts = inputs.stream().map(bundle::encodePrompt).toList();
    maxNewTokens = room(prompts, maxNewTokens);
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

  /**
   * New tokens the longest prompt leaves room for, at most {@code maxNewTokens}: the model reads at
   * most maxPositions tokens.
   */
  private int room(List<int[]> prompts, int maxNewTokens) {
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
    return Math.min(maxNewTokens, room);
  }
}
