package io.seqtune.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {
    @Test
    void promptAndPaddingAreMaskedFromTheLossAndLongExamplesTruncated() {
        Batch b = Batch.of(List.of(new int[] {7, 8}, new int[] {9, 10, 11}), List.of(new int[] {3, 2}, new int[] {4, 5, 6, 2}), 0, 5);
        assertThat(b.inputIds()).isEqualTo(new long[][] {{7, 8, 3, 2, 0}, {9, 10, 11, 4, 5}});
        assertThat(b.labels()).isEqualTo(new long[][] {{-100, -100, 3, 2, -100}, {-100, -100, -100, 4, 5}});
        assertThat(b.attentionMask()).isEqualTo(new long[][] {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 1}});
        assertThat(b.tokenCount()).isEqualTo(9);
    }
}
