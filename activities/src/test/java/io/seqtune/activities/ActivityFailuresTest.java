package io.seqtune.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.core.NonRetryableException;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ActivityFailuresTest {

  @Test
  void aCoreNonRetryableProblemBecomesANonRetryableFailureOfItsType() {
    IllegalStateException cause = new IllegalStateException("line 3 is truncated");
    RuntimeException translated =
        ActivityFailures.translate(NonRetryableException.invalidDataset("bad rows", cause));

    assertThat(translated)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(ActivityFailures.INVALID_DATASET);
              assertThat(f.getOriginalMessage()).isEqualTo("bad rows");
              assertThat(f.getCause()).isSameAs(cause);
            });
  }

  @Test
  void everyCoreReasonIsOneOfTheTypesWorkflowsDoNotRetry() {
    assertThat(
            Arrays.stream(NonRetryableException.Reason.values())
                .map(NonRetryableException.Reason::type))
        .containsExactlyInAnyOrder(ActivityFailures.NON_RETRYABLE);
    assertThat(
            ((ApplicationFailure)
                    ActivityFailures.translate(NonRetryableException.modelNotFound("no base")))
                .getType())
        .isEqualTo(ActivityFailures.MODEL_NOT_FOUND);
  }

  @Test
  void anyOtherFailureIsLeftAsItIsForTemporalToRetry() {
    RuntimeException outage = new IllegalStateException("store unreachable");
    assertThat(ActivityFailures.translate(outage)).isSameAs(outage);
  }
}
