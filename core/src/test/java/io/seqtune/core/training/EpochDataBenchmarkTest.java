package io.seqtune.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochDataBenchmarkTest {
  @TempDir Path dir;

  @Test
  void runsTheEpochDataPipelineAndReportsEveryPhaseAndBothHeaps() {
    EpochDataBenchmark.Result r = EpochDataBenchmark.run(500, 3, 8, 1, dir);

    assertThat(r.rows()).isEqualTo(500);
    assertThat(r.steps()).isEqualTo(3);
    assertThat(r.indexSeconds()).isPositive();
    assertThat(r.batchSeconds()).isPositive();
    assertThat(r.peakHeapMb()).isPositive();
    assertThat(r.inMemoryPeakHeapMb()).isPositive();
    assertThat(r.heapMaxMb()).isGreaterThan(r.peakHeapMb());
  }
}
