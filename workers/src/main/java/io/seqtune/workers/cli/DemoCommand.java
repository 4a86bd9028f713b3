package io.seqtune.workers.cli;

import io.seqtune.console.ConsoleServer;
import io.seqtune.console.ScheduleSource;
import io.seqtune.core.runs.RunRecord;
import io.seqtune.core.runs.RunRecords;
import io.seqtune.core.spec.ModelSpec;
import io.seqtune.core.spec.PipelineSpec;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import io.seqtune.core.store.StoreSettings;
import io.seqtune.model.ComputeDtype;
import io.seqtune.workers.RunStatus;
import io.seqtune.workers.RunWatcher;
import io.seqtune.workers.stack.DevStack;
import io.seqtune.workflows.Queues;
import io.seqtune.workflows.pipeline.FineTunePipeline;
import io.seqtune.workflows.pipeline.PipelineResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** seqtune's main job on the embedded stack, in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Start the embedded stack in this process and run the whole pipeline: synthetic OPSIN-validated",
      "SMILES->IUPAC pairs, a small GPT trained from scratch on CPU with a checkpoint per epoch,",
      "evaluation (exact match, OPSIN round trip, verified translation over 32 beams) and promotion",
      "to champion. Defaults: 16,000 molecules x 10 epochs, a 150-merge BPE learned from the training",
      "split, bf16 compute where the CPU has it (docs/demo.md, docs/results.md).",
      "",
      "Bigger runs: --size 50000 --epochs 20 --layers 4 --hidden 256 --heads 8,",
      "or fine-tune a Hugging Face model directory: --base /models/opt-125m --format instruction.",
      "The same spec runs on a cluster with `seqtune run --spec` (see `seqtune spec`)."
    })
final class DemoCommand implements Callable<Integer> {
  /** The stages that train epochs, each shown as a progress bar per epoch. */
  private static final List<String> TRAINING_STAGES = List.of("pretraining", "training");

  /** Fewer merges than the spec's default: the demo's names are short (docs/results.md). */
  private static final int DEFAULT_BPE_MERGES = 150;

  // 16,000 molecules x 10 epochs with a BPE and bf16 compute reach the demo's targets within its
  // time budget; more data beat more epochs per step (docs/results.md).
  @Option(
      names = "--size",
      defaultValue = "16000",
      description = "Synthetic molecules to generate (default ${DEFAULT-VALUE}).")
  Integer size;

  @Option(
      names = "--epochs",
      defaultValue = "10",
      description = "Training epochs (default ${DEFAULT-VALUE}).")
  Integer epochs;

  @Option(names = "--layers")
  Integer layers;

  @Option(names = "--hidden")
  Integer hidden;

  @Option(names = "--heads")
  Integer heads;

  @Option(
      names = "--dropout",
      description =
          "Dropout probability (default 0 from scratch, where the small model is under-fitted; with --base, the model's own).")
  Double dropout;

  @Option(
      names = "--tokenizer",
      description =
          "From scratch: bpe (default, learned from the training split) or char; a --base keeps its own.")
  String tokenizer;

  @Option(
      names = "--bpe-merges",
      description = "Merges of the BPE learned from the training split (default 150).")
  Integer bpeMerges;

  @Option(names = "--batch-size")
  Integer batchSize;

  @Option(names = "--lr", description = "Peak learning rate.")
  Double learningRate;

  @Option(
      names = "--precision",
      description =
          "Training compute type: float32, bfloat16 (float32 master weights) or auto (default: bfloat16"
              + " where the CPU has avx512_bf16 or AMX, else float32).")
  String precision;

  @Option(
      names = "--pretrain-epochs",
      description =
          "Pretrain the model from scratch first, as a plain language model on unpaired SMILES and names, for this many epochs (default: no pretraining).")
  Integer pretrainEpochs;

  @Option(
      names = "--pretrain-size",
      description =
          "Texts in the pretraining corpus: synthetic molecules, each as its SMILES and its name, none of the test or validation split's (default 20000).")
  Integer pretrainSize;

  @Option(
      names = "--pretrain-lr",
      description = "Peak learning rate of pretraining (default: the fine-tuning one).")
  Double pretrainLearningRate;

  @Option(
      names = "--base",
      description = "A Hugging Face model directory to fine-tune instead of training from scratch.")
  String base;

  @Option(
      names = "--format",
      description = "Instruction format: bare, instruction, chat, separator.")
  String format;

  @Option(names = "--eval-examples", description = "Test examples to judge.")
  Integer evalExamples;

  @Option(
      names = "--beams",
      defaultValue = "32",
      description =
          "Beam width at evaluation (default ${DEFAULT-VALUE}): the top beam is judged as the model's answer, "
              + "and the best beam OPSIN maps back to the input is the verified answer `seqtune translate --verify` gives.")
  Integer beams;

  @Option(
      names = "--samples",
      description =
          "Sampled candidates per test molecule after the beams, for verified translation (default 0).")
  Integer samples;

  @Option(names = "--seed")
  Long seed;

  @Option(
      names = "--home",
      defaultValue = ".seqtune/demo",
      description = "Where the demo's object store keeps its files.")
  Path home;

  @Option(
      names = "--console-port",
      defaultValue = "0",
      description =
          "Port of the web console that shows the run while it trains (default: a free one, printed).")
  int consolePort;

  @Option(
      names = "--json",
      description = "Print the result as one JSON object on the last line of stdout.")
  boolean json;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description =
          "PyTorch intra-op threads for training (default 1: on 2 cores the other runs the servers and OPSIN).")
  int threads;

  @Override
  public Integer call() throws Exception {
    long began = System.nanoTime();
    // Read once, when the engine loads; an explicit -D on the command line wins.
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    PipelineSpec spec =
        Cli.JSON.readValue(Cli.json(specJson()), PipelineSpec.class).withDefaults().validate();
    System.err.println("starting the embedded stack (Temporal, S3, worker) on 127.0.0.1 ...");
    try (DevStack stack = DevStack.start(new DevStack.Options(0, 0, 0, home, Queues.ALL));
        ObjectStore consoleStore = new ObjectStore(stack.store());
        ConsoleServer console =
            ConsoleCommand.serve(
                consolePort, consoleStore, stack.connection(), ScheduleSource.NONE)) {
      System.err.println(console.banner());
      String id =
          "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
      WorkflowClient client = stack.connection().client();
      FineTunePipeline pipeline =
          client.newWorkflowStub(
              FineTunePipeline.class,
              WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(Queues.PIPELINE).build());
      WorkflowClient.start(pipeline::run, spec.withRunId(id));
      System.err.printf(
          "pipeline %s started: %d examples, %s%d epochs, model %s%n",
          id,
          spec.data().size(),
          spec.pretrains()
              ? spec.pretrain().epochs()
                  + " pretraining epochs on "
                  + spec.pretrain().size()
                  + " texts, "
              : "",
          spec.train().epochs(),
          spec.model().fromScratch()
              ? "GPT-2 " + spec.model().layers() + "x" + spec.model().hidden() + " from scratch"
              : spec.model().base());
      WorkflowStub stub = client.newUntypedWorkflowStub(id);
      CompletableFuture<PipelineResult> result = stub.getResultAsync(PipelineResult.class);
      watch(new RunWatcher(stack.connection(), runId -> Optional.empty()), id, result);
      PipelineResult r = result.get();
      double wall = (System.nanoTime() - began) / 1e9;
      report(r, wall, stack, new RunRecords(consoleStore).find(id).map(RunRecord::pretraining));
      return 0;
    }
  }

  private Map<String, Object> specJson() {
    Map<String, Object> data = new LinkedHashMap<>();
    putIf(data, "size", size);
    putIf(data, "format", format);
    putIf(data, "seed", seed);
    Map<String, Object> model = new LinkedHashMap<>();
    putIf(model, "base", base);
    putIf(model, "layers", layers);
    putIf(model, "hidden", hidden);
    putIf(model, "heads", heads);
    putIf(model, "dropout", dropout);
    boolean bpe = tokenizer == null ? base == null : ModelSpec.BPE.equals(tokenizer);
    putIf(model, "tokenizer", tokenizer == null && base == null ? ModelSpec.BPE : tokenizer);
    putIf(
        model,
        "bpeMerges",
        bpeMerges == null && bpe ? Integer.valueOf(DEFAULT_BPE_MERGES) : bpeMerges);
    Map<String, Object> train = new LinkedHashMap<>();
    putIf(train, "epochs", epochs);
    putIf(train, "batchSize", batchSize);
    putIf(train, "learningRate", learningRate);
    putIf(
        train,
        "precision",
        precision == null || "auto".equals(precision)
            ? ComputeDtype.fastestOnThisCpu().specName()
            : precision);
    Map<String, Object> eval = new LinkedHashMap<>();
    putIf(eval, "maxExamples", evalExamples);
    putIf(eval, "beams", beams);
    putIf(eval, "samples", samples);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.putAll(
        Map.of("task", "smiles2iupac", "data", data, "model", model, "train", train, "eval", eval));
    if (pretrainEpochs != null || pretrainSize != null || pretrainLearningRate != null) {
      Map<String, Object> pretrain = new LinkedHashMap<>();
      putIf(pretrain, "epochs", pretrainEpochs);
      putIf(pretrain, "size", pretrainSize);
      putIf(pretrain, "learningRate", pretrainLearningRate);
      spec.put("pretrain", pretrain);
    }
    return spec;
  }

  private static void putIf(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /**
   * One progress bar per epoch, fed from the training activity's heartbeats, until the run ends.
   */
  private static void watch(RunWatcher watcher, String id, CompletableFuture<PipelineResult> done)
      throws InterruptedException {
    ProgressBar bar = null;
    int barEpoch = 0;
    String stage = "";
    while (!done.isDone()) {
      RunStatus s = watcher.status(id);
      boolean training = TRAINING_STAGES.contains(s.stage());
      if (s.stage() != null && !s.stage().equals(stage)) {
        closeBar(bar);
        bar = null;
        barEpoch = 0;
        if (!training) {
          System.err.println("stage: " + s.stage());
        }
      }
      stage = s.stage() == null ? stage : s.stage();
      if (training && s.epoch() != null && s.epoch() != barEpoch) {
        // A new epoch closes the last one's bar even before the new epoch's first heartbeat
        // reaches the server (heartbeats are throttled; a short epoch may report none).
        closeBar(bar);
        bar = null;
        barEpoch = s.epoch();
      }
      if (training && s.batchesInEpoch() != null && s.batchesInEpoch() > 0) {
        if (bar == null) {
          bar =
              new ProgressBarBuilder()
                  .setTaskName(
                      String.format(
                          "%sepoch %d/%d",
                          "pretraining".equals(s.stage()) ? "pretraining " : "",
                          s.epoch(),
                          s.epochs()))
                  .setInitialMax(s.batchesInEpoch())
                  .setStyle(ProgressBarStyle.ASCII)
                  .setUpdateIntervalMillis(250)
                  .continuousUpdate()
                  .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                  .build();
        }
        bar.stepTo(s.batchesDone());
        bar.setExtraMessage(String.format(" loss %.3f", s.loss()));
      }
      Thread.sleep(500);
    }
    closeBar(bar);
  }

  private static void closeBar(ProgressBar bar) {
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.close();
    }
  }

  private void report(
      PipelineResult r, double wall, DevStack stack, Optional<RunRecord.Pretraining> pretraining) {
    Map<String, Double> m = r.metrics();
    StoreSettings store = stack.store();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("examples", r.trainExamples());
    out.put("test_examples", r.testExamples());
    out.put("epochs", r.epochs());
    pretraining.ifPresent(
        p -> {
          out.put("pretrain_epochs", p.epochs());
          out.put("pretrain_texts", p.texts());
          out.put("pretrain_excluded", p.excluded());
          out.put("pretrain_train_loss", losses(p, RunRecord.EpochEnd::trainLoss));
          out.put("pretrain_val_loss", losses(p, RunRecord.EpochEnd::valLoss));
        });
    out.put("val_loss", m.get("val_loss"));
    out.put("exact_match", m.get("exact_match"));
    out.put("roundtrip_accuracy", m.get("roundtrip_accuracy"));
    out.put("parse_rate", m.get("parse_rate"));
    out.put("verified_coverage", m.get("verified_coverage"));
    out.put("beams", beams);
    out.put("samples", samples == null ? 0 : samples);
    out.put("normalized_edit_distance", m.get("normalized_edit_distance"));
    out.put("wall_seconds", Math.round(wall * 10) / 10.0);
    out.put("model_version", r.modelVersion());
    out.put("champion", r.champion());
    out.put("weights_sha256", r.weightsSha256());
    out.put("dataset", store.uri(StoreLayout.dataset(r.datasetKey())));
    out.put("checkpoint", store.uri(r.checkpoints().get(r.checkpoints().size() - 1)));
    out.put("report", store.uri(r.reportKey()));
    out.put("model", store.uri(StoreLayout.version(r.task(), r.modelVersion())));
    out.put("store_dir", home.resolve("s3").toAbsolutePath().toString());
    System.out.println();
    System.out.println("seqtune demo: SMILES -> IUPAC");
    System.out.printf(
        "  %-28s %d train / %d test%n", "examples", r.trainExamples(), r.testExamples());
    pretraining.ifPresent(
        p ->
            System.out.printf(
                "  %-28s %d epochs on %d texts (%d held-out left out), loss by epoch %s%n",
                "pretraining",
                p.epochs(),
                p.texts(),
                p.excluded(),
                losses(p, RunRecord.EpochEnd::trainLoss).stream()
                    .map(l -> String.format("%.3f", l))
                    .toList()));
    System.out.printf("  %-28s %d%n", "epochs", r.epochs());
    System.out.printf(
        "  %-28s %s%n",
        "train loss by epoch", r.trainLoss().stream().map(l -> String.format("%.3f", l)).toList());
    System.out.printf("  %-28s %.4f%n", "validation loss", m.get("val_loss"));
    System.out.printf("  %-28s %.3f%n", "exact match, top beam", m.get("exact_match"));
    System.out.printf("  %-28s %.3f%n", "OPSIN round trip, top beam", m.get("roundtrip_accuracy"));
    System.out.printf("  %-28s %.3f%n", "OPSIN parse rate", m.get("parse_rate"));
    System.out.printf(
        "  %-28s %.3f  (a beam of %d%s OPSIN maps back to the input: translate --verify)%n",
        "verified coverage",
        m.get("verified_coverage"),
        beams,
        samples == null || samples == 0 ? "" : " or a sample of " + samples);
    System.out.printf("  %-28s %.1f s%n", "wall time", wall);
    System.out.printf(
        "  %-28s %s%s (%s)%n",
        "model version", r.modelVersion(), r.champion() ? " [champion]" : "", r.promotionReason());
    for (String k : new String[] {"dataset", "checkpoint", "report", "model", "store_dir"}) {
      System.out.printf("  %-28s %s%n", k, out.get(k));
    }
    if (json) {
      System.out.println(Cli.json(out));
    }
  }

  private static List<Double> losses(
      RunRecord.Pretraining p, Function<RunRecord.EpochEnd, Double> loss) {
    return p.epochResults() == null ? List.of() : p.epochResults().stream().map(loss).toList();
  }
}
