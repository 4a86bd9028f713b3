package io.seqtune.workflows;

import io.seqtune.workflows.pipeline.FineTunePipeline;
import java.util.List;

/**
 * Task queues: light work and workflows on one, heavy (dataset, training, evaluation) on the GPU
 * queue.
 */
public final class Queues {
  public static final String PIPELINE = FineTunePipeline.TASK_QUEUE;
  public static final String GPU = "seqtune-gpu";
  public static final List<String> ALL = List.of(PIPELINE, GPU);

  private Queues() {}
}
