package io.seqtune.core.training;

import io.seqtune.core.WorkerContext;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.checkpoint.Phase;
import io.seqtune.core.dataset.ExampleFile;
import io.seqtune.core.spec.TrainSpec;
import io.seqtune.model.Batch;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * What sets one training phase of a run apart for the {@link EpochTrainer}: its optimisation
 * settings, the files it reads, the model it starts from when it has no checkpoint of its own, and
 * how a batch is encoded. Everything else (resuming, checkpoints, heartbeats, stops) is shared.
 */
interface PhasePlan {
  Phase phase();

  /** Epochs, batch, optimizer and checkpoint cadence of this phase. */
  TrainSpec train();

  /** This phase's training and validation files on this worker. */
  Splits open(WorkerContext context);

  /** The model this phase starts from without a checkpoint of its own; {@code work}: scratch. */
  ModelBundle start(WorkerContext context, Splits data, Path work);

  /** The examples at {@code positions} of {@code file}, encoded as this phase learns them. */
  Batch batch(ModelBundle bundle, ExampleFile file, IntStream positions, int maxLength);

  /** A phase's training and validation files, read by position. */
  record Splits(ExampleFile train, ExampleFile validation) implements AutoCloseable {
    @Override
    public void close() {
      train.close();
      validation.close();
    }
  }
}
