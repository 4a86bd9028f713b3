package io.seqtune.workflows;

import io.seqtune.activities.dataset.DatasetActivities;
import io.seqtune.activities.evaluation.EvaluationActivities;
import io.seqtune.activities.registry.RegistryActivities;
import io.seqtune.activities.report.ReportActivities;
import io.seqtune.activities.runs.RunRecordActivities;
import io.seqtune.activities.training.TrainingActivities;
import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.dataset.DatasetRef;
import io.seqtune.core.evaluation.EvalResult;
import io.seqtune.core.registry.PromotionResult;
import io.seqtune.core.report.SweepReport;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.core.training.EpochResult;
import io.seqtune.core.training.PretrainEpochInput;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.workflows.pipeline.FineTunePipelineImpl;
import io.seqtune.workflows.sweep.SweepImpl;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;

/**
 * Instant stand-ins for every activity the workflows call, registered on both task queues of a
 * {@link TestWorkflowEnvironment} beside the real workflow implementations. Each behaviour is a
 * field a test may replace before {@link #register}: the registered activities call whatever the
 * field holds at the time.
 *
 * <p>The defaults make a run succeed: dataset {@code ds-1} (100/5/5 examples), corpus {@code pt-1}
 * (190/10 texts, 7 left out), epoch {@code n} ending at step {@code 3n} with train loss {@code
 * 1/n}, pretraining epoch {@code n} at step {@code 5n}, exact match 0.5, and promotion to champion.
 */
public final class PipelineDoubles {
  /** The {@code BuildDataset} activity. */
  public interface DatasetBuild {
    DatasetRef buildDataset(PipelineSpec spec);
  }

  /** The {@code BuildCorpus} activity. */
  public interface CorpusBuild {
    CorpusRef buildCorpus(PipelineSpec spec, String datasetKey);
  }

  /** The {@code TrainEpoch} activity. */
  public interface TrainEpoch {
    EpochResult trainEpoch(TrainEpochInput in);
  }

  /** The {@code PretrainEpoch} activity. */
  public interface PretrainEpoch {
    EpochResult pretrainEpoch(PretrainEpochInput in);
  }

  public volatile DatasetBuild datasets =
      spec -> new DatasetRef("ds-1", 100, 5, 5, Map.of(), false);
  public volatile CorpusBuild corpora =
      (spec, datasetKey) -> new CorpusRef("pt-1", 190, 10, 7, false);
  public volatile TrainEpoch training = PipelineDoubles::epoch;
  public volatile PretrainEpoch pretraining = PipelineDoubles::pretrainingEpoch;
  public volatile EvaluationActivities evaluation =
      in -> new EvalResult(StoreLayout.evalReport(in.runId()), 5, Map.of("exact_match", 0.5));
  public volatile RegistryActivities registry =
      in ->
          new PromotionResult(
              in.spec().task(), in.runId(), "sha", true, "first model for task smiles2iupac");

  /** Registered as it is at {@link #register}. */
  public volatile RunRecordActivities runRecords = new NoRunRecords();

  public volatile ReportActivities reports =
      in -> new SweepReport(StoreLayout.sweep(in.sweepId()), List.of());

  /**
   * The default epoch: ends at step {@code 3n} with train loss {@code 1/n}, val loss {@code 2/n}.
   */
  public static EpochResult epoch(TrainEpochInput in) {
    return new EpochResult(
        in.epoch(),
        in.epoch() * 3L,
        3,
        StoreLayout.checkpoint(in.runId(), in.epoch() * 3L),
        1.0 / in.epoch(),
        2.0 / in.epoch(),
        100,
        1);
  }

  /**
   * The default pretraining epoch: ends at step {@code 5n} with train loss {@code 3/n}, val loss
   * {@code 4/n}.
   */
  public static EpochResult pretrainingEpoch(PretrainEpochInput in) {
    return new EpochResult(
        in.epoch(),
        in.epoch() * 5L,
        5,
        StoreLayout.checkpointIn(StoreLayout.pretrainingCheckpoints(in.runId()), in.epoch() * 5L),
        3.0 / in.epoch(),
        4.0 / in.epoch(),
        100,
        1);
  }

  /**
   * A started test environment on real time (heartbeat timeouts and cancellations need it) with
   * {@link #register} done.
   */
  public TestWorkflowEnvironment startOnRealTime() {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    register(env);
    env.start();
    return env;
  }

  /** Workers on both queues: the real workflows and these doubles. Call before {@code start()}. */
  public void register(TestWorkflowEnvironment env) {
    Worker pipeline = env.newWorker(Queues.PIPELINE);
    pipeline.registerWorkflowImplementationTypes(FineTunePipelineImpl.class, SweepImpl.class);
    pipeline.registerActivitiesImplementations(
        (RegistryActivities) in -> registry.promote(in),
        (ReportActivities) in -> reports.writeSweepReport(in),
        runRecords);
    Worker gpu = env.newWorker(Queues.GPU);
    gpu.registerActivitiesImplementations(
        new DatasetActivities() {
          @Override
          public DatasetRef buildDataset(PipelineSpec spec) {
            return datasets.buildDataset(spec);
          }

          @Override
          public CorpusRef buildCorpus(PipelineSpec spec, String datasetKey) {
            return corpora.buildCorpus(spec, datasetKey);
          }
        },
        new TrainingActivities() {
          @Override
          public EpochResult trainEpoch(TrainEpochInput in) {
            return training.trainEpoch(in);
          }

          @Override
          public EpochResult pretrainEpoch(PretrainEpochInput in) {
            return pretraining.pretrainEpoch(in);
          }
        },
        (EvaluationActivities) in -> evaluation.evaluate(in));
  }
}
