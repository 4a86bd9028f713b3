package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * model.generate outputs of transformers (8 new tokens, EOS suppressed) for two prompts at once.
 */
class BeamSearchParityTest {
  @ParameterizedTest
  @CsvSource({"gpt2,beam_gpt2", "opt,beam_opt"})
  void greedyAndFourBeamSearchMatchTransformers(String arch, String fixture) {
    try (NDManager m = NDManager.newBaseManager();
        CausalLM model = CausalLM.load(Fixtures.hf(arch), DeviceChoice.CPU)) {
      Map<String, NDArray> ref = Fixtures.reference(fixture, m);
      List<int[]> prompts = toInts(Fixtures.rows(ref.get("prompt_ids")));
      List<int[]> greedyExpected = generatedPart(ref.get("greedy_ids"), 6);
      List<int[]> beamExpected = generatedPart(ref.get("beam4_ids"), 6);
      Generator generator = new Generator(model);

      List<int[]> greedy = generator.greedy(prompts, 8, -1);
      List<List<int[]>> beams = generator.beam(prompts, 4, 8, -1, 1.0, 1);
      for (int i = 0; i < prompts.size(); i++) {
        assertThat(greedy.get(i)).containsExactly(greedyExpected.get(i));
        assertThat(beams.get(i).get(0)).containsExactly(beamExpected.get(i));
      }
    }
  }

  private static List<int[]> generatedPart(NDArray sequences, int promptLength) {
    List<int[]> out = new ArrayList<>();
    for (long[] row : Fixtures.rows(sequences)) {
      out.add(Arrays.stream(row, promptLength, row.length).mapToInt(Math::toIntExact).toArray());
    }
    return out;
  }

  private static List<int[]> toInts(long[][] rows) {
    return Arrays.stream(rows)
        .map(r -> Arrays.stream(r).mapToInt(Math::toIntExact).toArray())
        .toList();
  }
}
