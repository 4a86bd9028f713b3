package io.seqtune.activities.training;

import io.seqtune.activities.WorkerContext;
import io.seqtune.activities.dataset.DatasetFiles;
import io.seqtune.activities.dataset.Example;
import io.seqtune.activities.spec.PipelineSpec;
import io.seqtune.activities.spec.TrainSpec;
import io.seqtune.activities.store.ObjectStore;
import io.seqtune.model.Batch;
import io.seqtune.model.StepResult;
import io.seqtune.model.TrainConfig;
import io.seqtune.model.Trainer;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * One epoch per call. A retried attempt (killed worker, lost heartbeat, store outage) resumes from
 * the newest intact checkpoint of this epoch: from the heartbeat details when they reached the
 * server, else by listing the store. Cancellation, seen at a heartbeat, writes a checkpoint first.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {
  private static final int EVAL_BATCH = 64;

  private final WorkerContext context;

  public TrainingActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public EpochResult trainEpoch(TrainEpochInput in) {
    context.metrics().attempt("TrainEpoch");
    ActivityExecutionContext activity = Activity.getExecutionContext();
    Path work = context.scratch("runs", in.runId(), UUID.randomUUID().toString());
    try {
      return train(in, activity, work);
    } catch (RuntimeException e) {
      context.metrics().failure("TrainEpoch");
      throw e;
    } finally {
      WorkerContext.deleteScratch(work);
    }
  }

  private EpochResult train(TrainEpochInput in, ActivityExecutionContext activity, Path work) {
    PipelineSpec spec = in.spec();
    TrainSpec t = spec.train();
    ObjectStore store = context.store();
    Checkpoints checkpoints = new Checkpoints(store);
    Path data = DatasetFiles.local(store, in.datasetKey(), context.scratch("datasets"));
    List<Example> train = DatasetFiles.split(data, DatasetFiles.TRAIN);
    List<Example> validation = DatasetFiles.split(data, DatasetFiles.VALIDATION);
    int batches = (train.size() + t.batchSize() - 1) / t.batchSize();
    long totalSteps = (long) t.epochs() * batches / t.gradAccumulation();

    Checkpoints.Loaded resume = checkpoints.firstIntact(resumeCandidates(in, activity, checkpoints), work).orElse(null);
    if (resume != null && resume.state().epoch() == in.epoch() && resume.state().epochComplete()) {
      // An earlier attempt finished this epoch but did not report it: report it now.
      return result(in.epoch(), resume.key(), resume.state(), 0, 0);
    }
    ModelBundle bundle = resume != null
        ? ModelBundle.load(resume.modelDir(), ModelBundle.device(spec))
        : ModelBundle.start(spec, allExamples(data));
    try (bundle; Trainer trainer = new Trainer(bundle.model(), trainConfig(t), totalSteps)) {
      CheckpointState state;
      if (resume != null) {
        trainer.loadState(resume.trainerDir());
        state = resume.state().epoch() == in.epoch()
            ? resume.state()
            : new CheckpointState(in.epoch(), 0, batches, resume.state().globalStep(), false, 0, 0, null);
      } else {
        state = new CheckpointState(in.epoch(), 0, batches, 0, false, 0, 0, null);
      }
      return runEpoch(in, activity, work, bundle, trainer, train, validation, state, checkpoints);
    }
  }

  private EpochResult runEpoch(TrainEpochInput in, ActivityExecutionContext activity, Path work, ModelBundle bundle,
      Trainer trainer, List<Example> train, List<Example> validation, CheckpointState start, Checkpoints checkpoints) {
    TrainSpec t = in.spec().train();
    List<Integer> order = epochOrder(train.size(), t.seed(), in.epoch());
    int maxLen = in.spec().model().maxLength();
    int padId = bundle.tokenizer().padId();
    double lossSum = start.lossSum();
    long lossCount = start.lossCount();
    long step = start.globalStep();
    String lastKey = null;
    long tokens = 0;
    long began = System.nanoTime();
    for (int b = start.batchesDone(); b < start.batchesInEpoch(); b++) {
      long stepBegan = System.nanoTime();
      StepResult r = trainer.step(batch(bundle, train, order, b, t.batchSize(), padId, maxLen));
      step = trainer.step();
      lossSum += r.loss();
      lossCount++;
      tokens += r.tokens();
      double elapsed = (System.nanoTime() - began) / 1e9;
      double tokensPerS = tokens / Math.max(elapsed, 1e-9);
      context.metrics().step(in.runId(), in.epoch(), step, r.loss(), (System.nanoTime() - stepBegan) / 1e9, tokensPerS);
      CheckpointState state = new CheckpointState(in.epoch(), b + 1, start.batchesInEpoch(), step, false, lossSum, lossCount, null);
      boolean due = t.checkpointEverySteps() > 0 && (b + 1) % t.checkpointEverySteps() == 0 && b + 1 < start.batchesInEpoch();
      if (due) {
        lastKey = save(in, work, bundle, trainer, state, checkpoints);
      }
      long eta = (long) (elapsed / (b + 1 - start.batchesDone()) * (start.batchesInEpoch() - b - 1));
      try {
        activity.heartbeat(new TrainingProgress(in.epoch(), step, b + 1, start.batchesInEpoch(), r.loss(), tokensPerS, eta, lastKey));
      } catch (ActivityCompletionException cancelled) {
        // Cancelled (or timed out as seen by the server): leave a consistent checkpoint behind.
        if (!due) {
          save(in, work, bundle, trainer, state, checkpoints);
        }
        throw cancelled;
      }
    }
    double valLoss = validationLoss(bundle, trainer, validation, padId, maxLen);
    CheckpointState end = new CheckpointState(in.epoch(), start.batchesInEpoch(), start.batchesInEpoch(), step, true,
        lossSum, lossCount, valLoss);
    String key = save(in, work, bundle, trainer, end, checkpoints);
    double seconds = (System.nanoTime() - began) / 1e9;
    return result(in.epoch(), key, end, tokens / Math.max(seconds, 1e-9), seconds);
  }

  private String save(TrainEpochInput in, Path work, ModelBundle bundle, Trainer trainer, CheckpointState state,
      Checkpoints checkpoints) {
    Path dir = work.resolve("save-" + state.globalStep());
    bundle.save(dir.resolve(Checkpoints.MODEL_DIR));
    trainer.saveState(dir.resolve(Checkpoints.TRAINER_DIR));
    ObjectStore.writeJson(dir.resolve(CheckpointState.FILE_NAME), state);
    long began = System.nanoTime();
    String key = checkpoints.upload(in.runId(), state, dir);
    context.metrics().checkpoint(in.runId(), directoryBytes(dir), (System.nanoTime() - began) / 1e9);
    checkpoints.retain(in.runId(), in.spec().train().keepCheckpoints(), key);
    WorkerContext.deleteScratch(dir);
    return key;
  }

  /** Heartbeat's checkpoint first, then this epoch's stored ones newest first, then the previous epoch's. */
  private static List<String> resumeCandidates(TrainEpochInput in, ActivityExecutionContext activity, Checkpoints checkpoints) {
    List<String> candidates = new ArrayList<>();
    activity.getHeartbeatDetails(TrainingProgress.class)
        .map(TrainingProgress::checkpointKey)
        .ifPresent(candidates::add);
    long floor = in.fromCheckpoint() == null ? -1 : stepOf(in.fromCheckpoint());
    for (String key : checkpoints.complete(in.runId())) {
      if (stepOf(key) > floor && !candidates.contains(key)) {
        candidates.add(key);
      }
    }
    if (in.fromCheckpoint() != null) {
      candidates.add(in.fromCheckpoint());
    }
    return candidates;
  }

  static long stepOf(String checkpointKey) {
    String s = checkpointKey.replaceAll(".*step-(\\d+)/?$", "$1");
    return Long.parseLong(s);
  }

  private static EpochResult result(int epoch, String key, CheckpointState state, double tokensPerS, double seconds) {
    double trainLoss = state.lossCount() == 0 ? Double.NaN : state.lossSum() / state.lossCount();
    return new EpochResult(epoch, state.globalStep(), state.batchesInEpoch(), key, trainLoss,
        state.valLoss() == null ? Double.NaN : state.valLoss(), tokensPerS, seconds);
  }

  static List<Integer> epochOrder(int size, long seed, int epoch) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, size).boxed().toList());
    Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
    return order;
  }

  private static Batch batch(ModelBundle bundle, List<Example> examples, List<Integer> order, int b, int size,
      int padId, int maxLen) {
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    for (int i = b * size; i < Math.min(order.size(), (b + 1) * size); i++) {
      int[][] encoded = bundle.encode(examples.get(order.get(i)));
      prompts.add(encoded[0]);
      responses.add(encoded[1]);
    }
    return Batch.of(prompts, responses, padId, maxLen);
  }

  private static double validationLoss(ModelBundle bundle, Trainer trainer, List<Example> validation, int padId, int maxLen) {
    List<Integer> order = IntStream.range(0, validation.size()).boxed().toList();
    double sum = 0;
    int n = 0;
    for (int b = 0; b * EVAL_BATCH < validation.size(); b++) {
      sum += trainer.evalLoss(batch(bundle, validation, order, b, EVAL_BATCH, padId, maxLen));
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private static List<Example> allExamples(Path data) {
    List<Example> all = new ArrayList<>(DatasetFiles.split(data, DatasetFiles.TRAIN));
    all.addAll(DatasetFiles.split(data, DatasetFiles.VALIDATION));
    all.addAll(DatasetFiles.split(data, DatasetFiles.TEST));
    return all;
  }

  static TrainConfig trainConfig(TrainSpec t) {
    TrainConfig d = TrainConfig.defaults();
    return new TrainConfig(t.learningRate(), t.weightDecay(), d.beta1(), d.beta2(), d.eps(), t.warmupSteps(),
        t.schedule(), d.minLrRatio(), t.gradClip(), t.gradAccumulation(), t.seed());
  }

  private static long directoryBytes(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

}
