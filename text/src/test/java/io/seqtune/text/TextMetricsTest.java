package io.seqtune.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TextMetricsTest {
  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(TextMetrics.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(TextMetrics.editDistance("", "abc")).isEqualTo(3);
    assertThat(TextMetrics.normalizedEditDistance("kitten", "sitting")).isEqualTo(3.0 / 7);
    assertThat(TextMetrics.normalizedEditDistance("", "")).isZero();
    assertThat(TextMetrics.normalizedEditDistance("abc", "xyz")).isEqualTo(1.0);
  }

  @Test
  void bleuIsOneForIdenticalTextAndFallsWithErrors() {
    List<String> references = List.of("propan-2-ol", "2-methylbutanoic acid");
    assertThat(TextMetrics.bleu4Chars(references, references)).isEqualTo(1.0, Offset.offset(1e-12));
    double oneTypo =
        TextMetrics.bleu4Chars(references, List.of("propan-1-ol", "2-methylbutanoic acid"));
    double manyTypos =
        TextMetrics.bleu4Chars(references, List.of("propanol", "3-ethylpentanoic acid"));
    assertThat(oneTypo).isLessThan(1.0).isGreaterThan(manyTypos);
    assertThat(TextMetrics.bleu4Chars(List.of("abcdef"), List.of("xyz"))).isZero();
  }

  @Test
  void bleuPenalisesShortHypotheses() {
    double full =
        TextMetrics.bleu4Chars(List.of("2-methylbutanoic acid"), List.of("2-methylbutanoic acid"));
    double truncated =
        TextMetrics.bleu4Chars(List.of("2-methylbutanoic acid"), List.of("2-methylbutanoic"));
    assertThat(truncated).isLessThan(full * 0.9);
  }

  @Test
  void bleuNeedsOneReferencePerHypothesis() {
    assertThatThrownBy(() -> TextMetrics.bleu4Chars(List.of("a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
