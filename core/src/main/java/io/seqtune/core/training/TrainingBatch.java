package io.seqtune.core.training;

import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.dataset.ExampleFile;
import io.seqtune.model.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A batch of examples read from their split file, encoded and padded as the model trains on it:
 * instruction pairs (loss on the response) or pretraining texts (loss on every token).
 */
final class TrainingBatch {
  private TrainingBatch() {}

  /** The examples at {@code positions} of {@code examples}, in that order. */
  static Batch of(ModelBundle bundle, ExampleFile examples, IntStream positions, int maxLength) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    positions.forEach(
        i -> {
          int[][] encoded = bundle.encode(examples.get(i));
          prompts.add(encoded[0]);
          responses.add(encoded[1]);
        });
    return Batch.of(prompts, responses, bundle.tokenizer().padId(), maxLength);
  }

  /** The texts (inputs) at {@code positions} of {@code texts} as plain sequences. */
  static Batch ofTexts(ModelBundle bundle, ExampleFile texts, IntStream positions, int maxLength) {
    List<int[]> sequences = new ArrayList<>();
    positions.forEach(i -> sequences.add(bundle.encodeText(texts.get(i).input())));
    return Batch.ofSequences(sequences, bundle.tokenizer().padId(), maxLength);
  }

  /** Positions of batch {@code b} of {@code size} examples in reading {@code order}. */
  static IntStream positions(int[] order, int b, int size) {
    return IntStream.range(b * size, Math.min(order.length, (b + 1) * size)).map(i -> order[i]);
  }
}
