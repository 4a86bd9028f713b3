package io.seqtune.core.training;

import io.seqtune.core.NonRetryableException;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.checkpoint.CheckpointState;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.checkpoint.StoredCheckpoint;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.ExampleFile;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.runs.TrainingRecorder;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.spec.TrainSpec;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.model.StepResult;
import io.seqtune.model.TrainConfig;
import io.seqtune.model.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at training one epoch of a run, fine-tuning or pretraining ({@link PhasePlan}). It
 * resumes from the newest intact checkpoint of the run's phase trained under the same spec: the
 * previous attempt's, the workflow's or any the store lists, hashes verified, corrupt ones skipped.
 * Should that be one from an earlier epoch, it trains on from there, so the weights are those of an
 * uninterrupted run. A stop seen at a heartbeat ({@link TrainingStopped}) writes a checkpoint
 * first, then propagates.
 */
public final class EpochTrainer {
  private static final Logger log = LoggerFactory.getLogger(EpochTrainer.class);
  private static final int EVAL_BATCH = 64;

  private final WorkerContext context;
  private final PipelineSpec spec;
  private final String runId;
  private final int epoch;
  private final String fromCheckpoint;
  private final PhasePlan plan;
  private final Path work;
  private final TrainingHeartbeat heartbeat;
  private final Checkpoints checkpoints;
  private final String specSha256;
  private TrainingRecorder recorder;

  /**
   * A fine-tuning epoch; {@code work} is this attempt's scratch directory; the caller deletes it.
   */
  public EpochTrainer(
      WorkerContext context, TrainEpochInput in, Path work, TrainingHeartbeat heartbeat) {
    this(
        context,
        in.spec(),
        in.runId(),
        in.epoch(),
        in.fromCheckpoint(),
        new FineTuningPlan(in),
        work,
        heartbeat);
  }

  private EpochTrainer(
      WorkerContext context,
      PipelineSpec spec,
      String runId,
      int epoch,
      String fromCheckpoint,
      PhasePlan plan,
      Path work,
      TrainingHeartbeat heartbeat) {
    this.context = context;
    this.spec = spec;
    this.runId = runId;
    this.epoch = epoch;
    this.fromCheckpoint = fromCheckpoint;
    this.plan = plan;
    this.work = work;
    this.heartbeat = heartbeat;
    this.checkpoints = new Checkpoints(context.store(), plan.phase());
    this.specSha256 = Checkpoints.specSha256(spec);
  }

  /**
   * A pretraining epoch; {@code work} is this attempt's scratch directory; the caller deletes it.
   */
  public static EpochTrainer pretraining(
      WorkerContext context, PretrainEpochInput in, Path work, TrainingHeartbeat heartbeat) {
    return new EpochTrainer(
        context,
        in.spec(),
        in.runId(),
        in.epoch(),
        in.fromCheckpoint(),
        new PretrainingPlan(in),
        work,
        heartbeat);
  }

  /** The training and validation files of a local dataset or corpus directory. */
  static PhasePlan.Splits splits(Path dir) {
    ExampleFile train = DatasetFiles.splitFile(dir, DatasetFiles.TRAIN);
    try {
      return new PhasePlan.Splits(train, DatasetFiles.splitFile(dir, DatasetFiles.VALIDATION));
    } catch (RuntimeException e) {
      train.close();
      throw e;
    }
  }

  /**
   * The data of the run, read from the local split files by position, and the checkpoint this
   * attempt resumes from (null: none).
   */
  private record Prepared(
      PhasePlan.Splits data, int batchesInEpoch, long totalSteps, Checkpoints.Loaded resume)
      implements AutoCloseable {
    ExampleFile train() {
      return data.train();
    }

    ExampleFile validation() {
      return data.validation();
    }

    @Override
    public void close() {
      data.close();
    }
  }

  /** What every epoch of this attempt trains with. */
  private record Session(ModelBundle bundle, Trainer trainer, Prepared prepared) {
    ExampleFile train() {
      return prepared.train();
    }
  }

  /**
   * Trains up to the end of its epoch: resumes from the newest intact checkpoint (the previous
   * attempt's {@code heartbeatKey}, the workflow's, or any the store lists) and returns the epoch's
   * end-of-epoch checkpoint.
   */
  public EpochResult train(String heartbeatKey, int attempt) {
    try (Prepared p = heartbeat.during(() -> prepare(heartbeatKey))) {
      return train(p, attempt);
    }
  }

  private EpochResult train(Prepared p, int attempt) {
    recorder =
        new TrainingRecorder(new RunRecords(context.store()), runId, plan.phase(), p.totalSteps());
    if (attempt > 1) {
      recorder.attempt(attempt);
    }
    Checkpoints.Loaded resume = p.resume();
    CheckpointState from =
        resume == null
            ? CheckpointState.beginning(1, p.batchesInEpoch(), 0)
            : resume.state().next();
    log.info(
        "run {} {} epoch {} attempt {}: {}",
        runId,
        plan.phase().stage(),
        epoch,
        attempt,
        resume == null
            ? "starting afresh"
            : "resuming from "
                + resume.key()
                + " (epoch "
                + from.epoch()
                + ", batch "
                + from.batchesDone()
                + "/"
                + from.batchesInEpoch()
                + ", step "
                + from.globalStep()
                + ")");
    if (from.epoch() > epoch) {
      // An earlier attempt finished this epoch but did not report it: report it now.
      return EpochResult.of(epoch, resume.key(), resume.state(), 0, 0);
    }
    ModelBundle bundle =
        heartbeat.during(
            () ->
                resume != null
                    ? ModelBundle.load(
                        resume.modelDir(), ModelBundle.device(spec), spec.train().computeDtype())
                    : plan.start(context, p.data(), work));
    try (bundle;
        Trainer trainer = new Trainer(bundle.model(), trainConfig(plan.train()), p.totalSteps())) {
      String lastKey = null;
      if (resume != null) {
        trainer.loadState(resume.trainerDir());
        lastKey = resume.key();
      }
      heartbeat.throwIfStopped(); // cancelled before the first step: nothing new to save
      Session session = new Session(bundle, trainer, p);
      EpochResult result = null;
      for (CheckpointState begin = from;
          begin.epoch() <= epoch;
          begin =
              CheckpointState.beginning(
                  begin.epoch() + 1, p.batchesInEpoch(), result.globalStep())) {
        result = runEpoch(session, begin, lastKey);
        lastKey = result.checkpointKey();
      }
      return result;
    }
  }

  private Prepared prepare(String heartbeatKey) {
    TrainSpec t = plan.train();
    PhasePlan.Splits data = plan.open(context);
    try {
      int batchesInEpoch = batchesPerEpoch(data.train().size(), t);
      checkpoints.deleteIncomplete(runId);
      Checkpoints.Loaded resume =
          checkpoints.firstIntact(resumeCandidates(heartbeatKey), work).orElse(null);
      return new Prepared(
          data, batchesInEpoch, (long) t.epochs() * batchesInEpoch / t.gradAccumulation(), resume);
    } catch (RuntimeException e) {
      data.close(); // the attempt fails here: release the split files before it propagates
      throw e;
    }
  }

  /** Whole optimizer steps only: checkpoints can only be taken between them. */
  private static int batchesPerEpoch(int examples, TrainSpec t) {
    int batches = (examples + t.batchSize() - 1) / t.batchSize();
    int usable = batches / t.gradAccumulation() * t.gradAccumulation();
    if (usable == 0) {
      throw NonRetryableException.invalidSpec(
          "train.gradAccumulation "
              + t.gradAccumulation()
              + " x train.batchSize "
              + t.batchSize()
              + " needs more than the "
              + examples
              + " training examples for one optimizer step");
    }
    return usable;
  }

  /** Trains the rest of one epoch from {@code start}, checkpointing as the spec asks. */
  private EpochResult runEpoch(Session s, CheckpointState start, String previousKey) {
    TrainSpec t = plan.train();
    EpochRun run = new EpochRun(start, previousKey);
    int[] order = BatchOrder.of(s.train().lengths(), t.batchSize(), t.seed(), run.epoch());
    int maxLength = spec.model().maxLength();
    for (int b = run.firstBatch(); b < run.batchesInEpoch(); b++) {
      long stepBegan = System.nanoTime();
      StepResult r =
          s.trainer()
              .step(
                  plan.batch(
                      s.bundle(),
                      s.train(),
                      TrainingBatch.positions(order, b, t.batchSize()),
                      maxLength));
      run.recordBatch(r, s.trainer().step());
      context
          .metrics()
          .step(
              runId,
              run.epoch(),
              run.step(),
              r.loss(),
              (System.nanoTime() - stepBegan) / 1e9,
              run.tokensPerSecond());
      if ((b + 1) % t.gradAccumulation() == 0) {
        afterOptimizerStep(s, run, b + 1, r.loss());
      } // else inside gradient accumulation: nothing to save, nothing to report
    }
    double valLoss = heartbeat.during(() -> validationLoss(s));
    CheckpointState end = run.end(valLoss);
    return run.result(saveKeepingAlive(s, end, run.lastKey()), end);
  }

  /**
   * Between optimizer steps: the periodic checkpoint if one is due, then a heartbeat. A stop
   * learned at the heartbeat leaves a checkpoint of this step behind before it propagates.
   */
  private void afterOptimizerStep(Session s, EpochRun run, int batchesDone, double loss) {
    int every = plan.train().checkpointEverySteps();
    CheckpointState state = run.state(batchesDone);
    recorder.step(run.step(), loss, run.tokensPerSecond());
    try {
      if (every > 0 && run.step() % every == 0 && batchesDone < run.batchesInEpoch()) {
        run.saved(saveKeepingAlive(s, state, run.lastKey()));
      }
      heartbeat.throwIfStopped();
      heartbeat.beat(run.progress(batchesDone, loss));
    } catch (TrainingStopped stopped) {
      // Cancelled (or no longer the current attempt): leave a consistent checkpoint behind.
      String key =
          run.savedAtCurrentStep() ? run.lastKey() : saveKeepingAlive(s, state, run.lastKey());
      log.info(
          "run {} {} epoch {}: stopped at step {} ({}), checkpoint {}",
          runId,
          plan.phase().stage(),
          run.epoch(),
          run.step(),
          stopped.signal().getClass().getSimpleName(),
          key);
      throw stopped;
    }
  }

  private String saveKeepingAlive(Session s, CheckpointState state, String heartbeatKey) {
    return heartbeat.during(() -> save(s, state, heartbeatKey));
  }

  /**
   * Writes and uploads a checkpoint, then applies retention sparing it and {@code heartbeatKey}.
   */
  private String save(Session s, CheckpointState state, String heartbeatKey) {
    Path dir = work.resolve("save-" + state.globalStep());
    s.bundle().save(dir.resolve(Checkpoints.MODEL_DIR));
    s.trainer().saveState(dir.resolve(Checkpoints.TRAINER_DIR));
    ObjectStore.writeJson(dir.resolve(CheckpointState.FILE_NAME), state);
    ObjectStore.writeJson(dir.resolve(Checkpoints.SPEC_FILE), spec);
    long began = System.nanoTime();
    String key = checkpoints.upload(runId, state, specSha256, dir);
    context.metrics().checkpoint(runId, directoryBytes(dir), (System.nanoTime() - began) / 1e9);
    Set<String> protect = new TreeSet<>(Set.of(key));
    if (heartbeatKey != null) {
      protect.add(heartbeatKey);
    }
    checkpoints.retain(runId, plan.train().keepCheckpoints(), protect);
    recorder.checkpoint(state.epoch(), state.globalStep());
    WorkerContext.deleteScratch(dir);
    return key;
  }

  /**
   * Complete checkpoints of this run made under this spec, up to this epoch, newest first; the
   * previous attempt's heartbeat key and the workflow's key join them even if the listing misses
   * them.
   */
  private List<String> resumeCandidates(String heartbeatKey) {
    TreeSet<String> keys =
        new TreeSet<>(Comparator.comparingLong(StoreLayout::checkpointStep).reversed());
    for (StoredCheckpoint c : checkpoints.complete(runId)) {
      if (c.epoch() <= epoch && specSha256.equals(c.specSha256())) {
        keys.add(c.key());
      }
    }
    if (heartbeatKey != null) {
      keys.add(heartbeatKey);
    }
    if (fromCheckpoint != null) {
      keys.add(fromCheckpoint);
    }
    return new ArrayList<>(keys);
  }

  private double validationLoss(Session s) {
    ExampleFile validation = s.prepared().validation();
    int[] order = IntStream.range(0, validation.size()).toArray();
    int batches = (validation.size() + EVAL_BATCH - 1) / EVAL_BATCH;
    int maxLength = spec.model().maxLength();
    return ValidationLoss.of(
        s.trainer(),
        IntStream.range(0, batches)
                .mapToObj(
                    b ->
                        plan.batch(
                            s.bundle(),
                            validation,
                            TrainingBatch.positions(order, b, EVAL_BATCH),
                            maxLength))
            ::iterator);
  }

  static TrainConfig trainConfig(TrainSpec t) {
    return TrainConfig.builder()
        .learningRate(t.learningRate())
        .weightDecay(t.weightDecay())
        .warmupSteps(t.warmupSteps())
        .schedule(t.schedule())
        .gradClip(t.gradClip())
        .gradAccumulation(t.gradAccumulation())
        .seed(t.seed())
        .build();
  }

  private static long directoryBytes(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }
}
