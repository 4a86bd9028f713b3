package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoding a batch as groups of prompts on several threads gives what one thread gives. */
class ParallelDecodingTest {
  private static final List<int[]> PROMPTS =
      List.of(
          new int[] {5, 6, 7},
          new int[] {8},
          new int[] {9, 10, 11, 12, 13},
          new int[] {14, 15},
          new int[] {16, 17, 18, 19},
          new int[] {20});

  private static CausalLM model;

  @BeforeAll
  static void createModel() {
    ModelConfig config =
        ModelConfig.gpt2()
            .vocabSize(48)
            .layers(2)
            .hidden(32)
            .heads(4)
            .maxPositions(32)
            .tokens(1, 2, 0)
            .build();
    model = CausalLM.random(config, 3, DeviceChoice.CPU);
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  @Test
  void greedyOnThreeThreadsMatchesOneThread() {
    List<int[]> one = new Generator(model, 1).greedy(PROMPTS, 10, 2);
    List<int[]> three = new Generator(model, 3).greedy(PROMPTS, 10, 2);
    assertThat(three).containsExactlyElementsOf(one);
  }

  @Test
  void beamSearchOnFourThreadsMatchesOneThread() {
    List<List<int[]>> one = new Generator(model, 1).beam(PROMPTS, 3, 8, 2, 1.0, 2);
    List<List<int[]>> four = new Generator(model, 4).beam(PROMPTS, 3, 8, 2, 1.0, 2);
    assertThat(four).hasSameSizeAs(one);
    for (int p = 0; p < one.size(); p++) {
      assertThat(four.get(p)).containsExactlyElementsOf(one.get(p));
    }
  }

  @Test
  void moreThreadsThanPromptsDecodesEachPromptOnce() {
    List<int[]> two = PROMPTS.subList(0, 2);
    assertThat(new Generator(model, 8).greedy(two, 6, -1))
        .containsExactlyElementsOf(new Generator(model, 1).greedy(two, 6, -1));
  }

  @Test
  void theCallingThreadKeepsItsIntraOpThreadCount() {
    int before = JniUtils.getNumThreads();
    new Generator(model, 2).greedy(PROMPTS, 4, -1);
    assertThat(JniUtils.getNumThreads()).isEqualTo(before);
  }

  @Test
  void groupsAreContiguousAndBalanced() {
    List<List<int[]>> groups = PromptGroups.split(PROMPTS.subList(0, 5), 2);
    assertThat(groups).extracting(List::size).containsExactly(3, 2);
    assertThat(groups.get(0).get(0)).isSameAs(PROMPTS.get(0));
    assertThat(groups.get(1).get(0)).isSameAs(PROMPTS.get(3));
  }
}
