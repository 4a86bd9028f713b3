package io.seqtune.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.model.Batch;
import io.seqtune.model.TrainConfig;
import io.seqtune.model.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation loss is the mean over tokens whatever the batching, not a mean of batch means. */
class ValidationLossTest {
  static final List<Example> EXAMPLES =
      List.of(
          new Example("CCO", "ethanol"),
          new Example("CC", "ethane"),
          new Example("CCC", "propane"),
          new Example("CCCCCCCCCC", "decane"),
          new Example("C", "methane"));

  @Test
  void aShortLastBatchWeighsByItsTokensSoAnyBatchingGivesTheOneBatchLoss() throws Exception {
    PipelineSpec spec =
        new ObjectMapper()
            .readValue("{\"model\":{\"layers\":1,\"hidden\":16,\"heads\":2}}", PipelineSpec.class)
            .withDefaults()
            .validate();
    try (ModelBundle bundle = ModelBundle.start(spec, EXAMPLES);
        Trainer trainer = new Trainer(bundle.model(), TrainConfig.defaults(), 1)) {
      List<Batch> pairsAndOne = new ArrayList<>();
      for (int from = 0; from < EXAMPLES.size(); from += 2) {
        pairsAndOne.add(batch(bundle, EXAMPLES.subList(from, Math.min(EXAMPLES.size(), from + 2))));
      }
      double oneBatch = trainer.evalLoss(batch(bundle, EXAMPLES));
      double meanOfBatchMeans =
          pairsAndOne.stream().mapToDouble(trainer::evalLoss).average().orElseThrow();

      assertThat(ValidationLoss.of(trainer, pairsAndOne)).isCloseTo(oneBatch, within(1e-5));
      assertThat(meanOfBatchMeans).isNotCloseTo(oneBatch, within(1e-3));
    }
  }

  @Test
  void batchesWithoutLossTokensGiveNaN() {
    Batch promptOnly = Batch.of(List.of(new int[] {1, 2}), List.of(new int[0]), 0, 8);
    assertThat(promptOnly.lossTokenCount()).isZero();
    assertThat(ValidationLoss.of(null, List.of(promptOnly))).isNaN();
  }

  private static Batch batch(ModelBundle bundle, List<Example> examples) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    for (Example e : examples) {
      int[][] encoded = bundle.encode(e);
      prompts.add(encoded[0]);
      responses.add(encoded[1]);
    }
    return Batch.of(prompts, responses, bundle.tokenizer().padId(), 160);
  }
}
