package io.seqtune.model.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak resident set size (VmHWM in /proc/self/status), Linux only. */
final class PeakMemory {
  private PeakMemory() {}

  /** Peak RSS in MiB, or -1 where /proc is not available. */
  static long residentMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
