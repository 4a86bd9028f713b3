package io.seqtune.workers.reliability;

import io.seqtune.workflows.pipeline.PipelineResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The final weights of an uninterrupted run of {@link Runs#spec} with a given seed, on the
 * workers polling the stack at hand; computed once per test JVM and shared by the fault tests.
 */
final class ReferenceRun {
  private static final Map<Long, String> WEIGHTS_SHA256 = new ConcurrentHashMap<>();

  private ReferenceRun() {}

  static String weightsSha256(FaultStack stack, long seed) {
    return WEIGHTS_SHA256.computeIfAbsent(seed, s -> {
      long began = System.nanoTime();
      String id = "reference-" + s;
      PipelineResult r = Runs.startAsCli(stack.connection().client(), id, Runs.spec(id, s)).getResult(PipelineResult.class);
      System.out.printf("[%s] uninterrupted reference run (seed %d): %d epochs in %.1f s, model.safetensors sha256 %s%n",
          Clock.now(), s, r.epochs(), (System.nanoTime() - began) / 1e9, r.weightsSha256());
      return r.weightsSha256();
    });
  }
}
