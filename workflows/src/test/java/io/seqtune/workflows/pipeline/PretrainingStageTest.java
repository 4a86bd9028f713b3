package io.seqtune.workflows.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.activities.runs.RunRecordActivities;
import io.seqtune.core.corpus.CorpusRef;
import io.seqtune.core.runs.RunOutcome;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunStart;
import io.seqtune.core.runs.RunStarted;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.core.training.PretrainEpochInput;
import io.seqtune.core.training.TrainEpochInput;
import io.seqtune.workflows.PipelineDoubles;
import io.seqtune.workflows.Queues;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's pretraining stage on Temporal's test server with {@link PipelineDoubles}: its
 * epochs between the dataset and fine-tuning, continue-as-new inside it, fine-tuning handed the
 * last pretraining checkpoint, and a cancel mid-pretraining after which the same run id carries on
 * from the pretraining epochs its record lists.
 */
class PretrainingStageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "pretraining";

  private final PipelineDoubles doubles = new PipelineDoubles();
  private final MemoryRunRecords records = new MemoryRunRecords();
  private final List<PretrainEpochInput> pretrained = new CopyOnWriteArrayList<>();
  private final List<TrainEpochInput> fineTuned = new CopyOnWriteArrayList<>();
  private final List<PipelineProgress> seenWhilePretraining = new CopyOnWriteArrayList<>();
  private final AtomicInteger corpusBuilds = new AtomicInteger();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void recordCalls() {
    PipelineDoubles.CorpusBuild corpus = doubles.corpora;
    doubles.corpora =
        (spec, datasetKey) -> {
          corpusBuilds.incrementAndGet();
          assertThat(datasetKey).isEqualTo("ds-1");
          return corpus.buildCorpus(spec, datasetKey);
        };
    doubles.pretraining =
        in -> {
          seenWhilePretraining.add(progress());
          pretrained.add(in);
          return PipelineDoubles.pretrainingEpoch(in);
        };
    doubles.training =
        in -> {
          fineTuned.add(in);
          return PipelineDoubles.epoch(in);
        };
    doubles.runRecords = records;
  }

  private void start() {
    env = doubles.startOnRealTime();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private FineTunePipeline pipeline() {
    return client.newWorkflowStub(
        FineTunePipeline.class,
        WorkflowOptions.newBuilder().setWorkflowId(ID).setTaskQueue(Queues.PIPELINE).build());
  }

  private PipelineProgress progress() {
    return client.newUntypedWorkflowStub(ID).query("progress", PipelineProgress.class);
  }

  private static PipelineSpec spec(String json) throws Exception {
    return JSON.readValue(json, PipelineSpec.class);
  }

  private static String pretrainingCheckpoint(int epoch) {
    return StoreLayout.checkpointIn(StoreLayout.pretrainingCheckpoints(ID), epoch * 5L);
  }

  @Test
  void pretrainsEveryEpochAcrossAContinueAsNewThenFineTunesFromTheLastPretrainingCheckpoint()
      throws Exception {
    start();

    PipelineResult result =
        pipeline().run(spec("{\"train\":{\"epochs\":2},\"pretrain\":{\"epochs\":12}}"));

    assertThat(corpusBuilds).hasValue(1);
    assertThat(pretrained)
        .extracting(PretrainEpochInput::epoch)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    for (PretrainEpochInput in : pretrained) {
      assertThat(in.corpusKey()).isEqualTo("pt-1");
      assertThat(in.datasetKey()).isEqualTo("ds-1");
      assertThat(in.fromCheckpoint())
          .isEqualTo(in.epoch() == 1 ? null : pretrainingCheckpoint(in.epoch() - 1));
    }
    for (PipelineProgress p : seenWhilePretraining) {
      assertThat(p.stage()).isEqualTo("pretraining");
      assertThat(p.epochs()).isEqualTo(12);
      assertThat(p.step()).isEqualTo((p.epoch() - 1) * 5L);
    }
    assertThat(fineTuned).hasSize(2);
    assertThat(fineTuned)
        .allSatisfy(in -> assertThat(in.pretrained()).isEqualTo(pretrainingCheckpoint(12)));
    assertThat(fineTuned.get(0).fromCheckpoint()).isNull();
    assertThat(result.checkpoints()).hasSize(2);
    assertThat(records.stages)
        .containsSubsequence("dataset", "pretraining", "training", "evaluation", "promotion");
    assertThat(records.pretrainingEnds).hasSize(12);
    assertThat(records.corpusEpochs).isEqualTo(12);
  }

  @Test
  void aCancelMidPretrainingStopsTheEpochAndTheSameRunCarriesOnAfterItsFinishedEpochs()
      throws Exception {
    CountDownLatch inEpochTwo = new CountDownLatch(1);
    AtomicBoolean epochSawCancel = new AtomicBoolean();
    AtomicBoolean cancelled = new AtomicBoolean();
    doubles.pretraining =
        in -> {
          pretrained.add(in);
          if (in.epoch() < 2 || cancelled.get()) {
            return PipelineDoubles.pretrainingEpoch(in);
          }
          ActivityExecutionContext activity = Activity.getExecutionContext();
          inEpochTwo.countDown();
          while (true) {
            try {
              activity.heartbeat(in.epoch());
            } catch (ActivityCompletionException stopped) {
              epochSawCancel.set(true);
              cancelled.set(true);
              throw stopped;
            }
            sleep(100);
          }
        };
    start();
    PipelineSpec spec =
        spec("{\"train\":{\"epochs\":1,\"heartbeatSeconds\":2},\"pretrain\":{\"epochs\":3}}");

    WorkflowClient.start(pipeline()::run, spec);
    assertThat(inEpochTwo.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(progress().stage()).isEqualTo("pretraining");
    client.newUntypedWorkflowStub(ID).cancel();
    assertThatThrownBy(() -> client.newUntypedWorkflowStub(ID).getResult(PipelineResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(CanceledFailure.class);
    assertThat(epochSawCancel).isTrue();
    assertThat(fineTuned).isEmpty();
    assertThat(records.pretrainingEnds).extracting(RunRecord.EpochEnd::epoch).containsExactly(1);

    pretrained.clear();
    PipelineResult result = pipeline().run(spec);

    assertThat(pretrained).extracting(PretrainEpochInput::epoch).containsExactly(2, 3);
    assertThat(pretrained.get(0).fromCheckpoint()).isEqualTo(pretrainingCheckpoint(1));
    assertThat(fineTuned)
        .singleElement()
        .satisfies(in -> assertThat(in.pretrained()).isEqualTo(pretrainingCheckpoint(3)));
    assertThat(result.checkpoints()).hasSize(1);
  }

  /** Keeps what a run record would: stages, the corpus, and finished pretraining epochs. */
  static final class MemoryRunRecords implements RunRecordActivities {
    final List<String> stages = new CopyOnWriteArrayList<>();
    final List<RunRecord.EpochEnd> pretrainingEnds = new CopyOnWriteArrayList<>();
    final List<RunRecord.EpochEnd> epochEnds = new CopyOnWriteArrayList<>();
    volatile int corpusEpochs;

    @Override
    public RunStart started(RunStarted run) {
      return new RunStart(new ArrayList<>(epochEnds), new ArrayList<>(pretrainingEnds));
    }

    @Override
    public void rejected(String runId, String workflowId, String error) {}

    @Override
    public void stage(String runId, String stage) {
      stages.add(stage);
    }

    @Override
    public void dataset(String runId, String datasetKey, int trainExamples, int testExamples) {}

    @Override
    public void epochEnded(String runId, RunRecord.EpochEnd end) {
      epochEnds.add(end);
    }

    @Override
    public void corpus(String runId, CorpusRef corpus, int epochs) {
      corpusEpochs = epochs;
    }

    @Override
    public void pretrainingEpochEnded(String runId, RunRecord.EpochEnd end) {
      pretrainingEnds.add(end);
    }

    @Override
    public void ended(String runId, RunOutcome outcome) {}
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
