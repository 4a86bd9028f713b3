package io.seqtune.workers.reliability;

import io.seqtune.workflows.pipeline.PipelineResult;

/**
 * The final weights of an uninterrupted run of {@link Runs#spec} with a given seed, on the stack
 * and worker at hand, so that it trains on the very dataset the faulted run will reuse.
 */
final class ReferenceRun {
  private ReferenceRun() {}

  static String weightsSha256(FaultStack stack, long seed) {
    long began = System.nanoTime();
    String id = "reference-" + seed;
    PipelineResult r =
        Runs.startAsCli(stack.connection().client(), id, Runs.spec(id, seed))
            .getResult(PipelineResult.class);
    System.out.printf(
        "[%s] reference run (seed %d): %d epochs in %.1f s, TrainEpoch attempts %d, model.safetensors sha256 %s%n",
        Clock.now(),
        seed,
        r.epochs(),
        (System.nanoTime() - began) / 1e9,
        Runs.trainEpochAttempts(stack.connection().client(), id),
        r.weightsSha256());
    return r.weightsSha256();
  }
}
