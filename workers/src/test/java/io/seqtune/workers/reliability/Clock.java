package io.seqtune.workers.reliability;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

/** Timestamps for what a fault test prints, and bounded waiting. */
final class Clock {
  private Clock() {}

  static String now() {
    return LocalTime.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Polls {@code condition} every few milliseconds; fails naming {@code what} after {@code
   * timeout}.
   */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      sleep(Duration.ofMillis(3));
    }
  }
}
