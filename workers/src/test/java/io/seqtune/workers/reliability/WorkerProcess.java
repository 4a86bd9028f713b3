package io.seqtune.workers.reliability;

import io.seqtune.workers.cli.SeqtuneCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code seqtune worker} in a JVM of its own (the test classpath), polling both queues of a
 * {@link FaultStack}, its output in a log file. {@link #kill()} is {@code kill -9}.
 */
final class WorkerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private WorkerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static WorkerProcess start(FaultStack stack, String name) {
    Path dir = stack.home().resolve("workers").resolve(name);
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve("worker.log");
      ProcessBuilder builder =
          seqtuneJvm(
              log, "worker", "--work-dir", dir.resolve("work").toString(), "--metrics-port", "0");
      builder.environment().putAll(stack.workerEnvironment());
      WorkerProcess worker = new WorkerProcess(name, builder.start(), log);
      worker.awaitLog(Pattern.compile("worker polling"), Duration.ofSeconds(60));
      System.out.printf(
          "[%s] worker %s started, pid %d%n", Clock.now(), name, worker.process.pid());
      return worker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker " + name, e);
    }
  }

  /**
   * {@code seqtune <args>} as its own JVM on this JVM's classpath, output to {@code log}, with
   * offline DJL and a 1 GB heap.
   */
  static ProcessBuilder seqtuneJvm(Path log, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                // One intra-op thread: the same arithmetic in every worker, whichever runs a step.
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1"));
    if (System.getProperty("DJL_CACHE_DIR") != null) {
      command.add("-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR"));
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), SeqtuneCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // MKL picks kernels by memory alignment unless told to be reproducible: then the same step
    // can round differently in two processes, and "bit-identical after resume" would be luck.
    builder.environment().put("MKL_CBWR", "AUTO,STRICT");
    return builder;
  }

  /** SIGKILL: no shutdown hook runs, the running activity just stops heartbeating. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    System.out.printf(
        "[%s] worker %s killed (kill -9), exit %d%n", Clock.now(), name, process.exitValue());
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The first group of the first match of {@code pattern} in the log, waiting up to {@code
   * timeout}.
   */
  String awaitLog(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = pattern.matcher(log());
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "worker " + name + " exited " + process.exitValue() + ":\n" + log());
      }
      Clock.sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "worker " + name + " never logged " + pattern + " in " + timeout + ":\n" + log());
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
