package io.seqtune.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Candidates for verified translation from an untrained model, whose samples differ widely. */
class TranslatorCandidatesTest {
  static final List<Example> EXAMPLES =
      List.of(new Example("CCO", "ethanol"), new Example("CC", "ethane"));
  static final List<String> INPUTS = List.of("CCO", "CC", "CCC");

  @Test
  void samplesFollowTheBeamsWithoutRepeatsAndRepeatWithTheSeed() throws Exception {
    PipelineSpec spec =
        new ObjectMapper()
            .readValue("{\"model\":{\"layers\":1,\"hidden\":16,\"heads\":2}}", PipelineSpec.class)
            .withDefaults()
            .validate();
    CandidateSearch search = new CandidateSearch(2, 6, 1.5, 0, 7);
    try (ModelBundle bundle = ModelBundle.start(spec, EXAMPLES)) {
      Translator translator = new Translator(bundle);
      List<Integer> progress = new ArrayList<>();
      List<List<String>> candidates = translator.candidates(INPUTS, search, 12, progress::add);
      List<List<String>> beams = translator.candidates(INPUTS, 2, 12, 2);

      assertThat(progress).containsExactly(INPUTS.size());
      for (int i = 0; i < INPUTS.size(); i++) {
        assertThat(candidates.get(i)).startsWith(beams.get(i).toArray(String[]::new));
        assertThat(candidates.get(i)).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(8);
      }
      assertThat(candidates).anySatisfy(c -> assertThat(c).hasSizeGreaterThan(2));
      assertThat(translator.candidates(INPUTS, search, 12, n -> {})).isEqualTo(candidates);
    }
  }
}
