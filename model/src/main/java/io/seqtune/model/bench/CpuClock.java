package io.seqtune.model.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU seconds this process has used, all threads. On a shared machine the CPU time of a step
 * measures the work it does even when other processes stretch its wall time.
 */
final class CpuClock {
  private CpuClock() {}

  static double seconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }
}
