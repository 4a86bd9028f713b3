package io.seqtune.core.evaluation;

import io.seqtune.chem.EvalExample;
import io.seqtune.chem.EvalReport;
import io.seqtune.chem.Evaluator;
import io.seqtune.chem.Isotopes;
import io.seqtune.chem.Stereo;
import io.seqtune.core.WorkerContext;
import io.seqtune.core.bundle.ModelBundle;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.dataset.DatasetFiles;
import io.seqtune.core.dataset.Example;
import io.seqtune.core.spec.EvalSpec;
import io.seqtune.core.store.StoreLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Decodes the test split with a checkpoint's model and judges the answers (OPSIN round trip for
 * names), storing the full report at {@code runs/<runId>/eval/report.json}.
 */
public final class TestSetEvaluator {
  private final WorkerContext context;

  public TestSetEvaluator(WorkerContext context) {
    this.context = context;
  }

  /**
   * {@code work} is this attempt's scratch directory; {@code progress} is told how many test
   * examples are decoded after each batch.
   */
  public EvalResult evaluate(EvaluateInput in, Path work, IntConsumer progress) {
    Checkpoints.Loaded checkpoint =
        new Checkpoints(context.store()).fetch(in.checkpointKey(), work);
    Path data = DatasetFiles.local(context.store(), in.datasetKey(), context.scratch("datasets"));
    EvalSpec e = in.spec().eval();
    List<Example> test = DatasetFiles.split(data, DatasetFiles.TEST, e.maxExamples());
    boolean names = in.spec().taskType().writesNames();
    Stereo stereo = Stereo.valueOf(e.stereo().toUpperCase());
    Isotopes isotopes = Isotopes.valueOf(e.isotopes().toUpperCase());
    CandidateSearch search = CandidateSearch.of(e, in.spec().train().seed());
    List<List<String>> candidates;
    long decodeBegan = System.nanoTime();
    try (ModelBundle bundle =
        ModelBundle.load(checkpoint.modelDir(), ModelBundle.device(in.spec()))) {
      candidates =
          new Translator(bundle)
              .candidates(
                  test.stream().map(Example::input).toList(), search, e.maxNewTokens(), progress);
    }
    double decodeSeconds = (System.nanoTime() - decodeBegan) / 1e9;
    List<EvalExample> judged = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      judged.add(
          new EvalExample(test.get(i).input(), test.get(i).output(), candidates.get(i).get(0)));
    }
    EvalReport report = Evaluator.evaluate(judged, names, stereo, isotopes);
    // Verified translation: the first candidate whose OPSIN parse is the source molecule, when
    // there is one.
    VerifiedCoverage verified =
        names
            ? VerifiedCoverage.of(test, candidates, search, decodeSeconds, stereo, isotopes)
            : null;
    String reportKey = StoreLayout.evalReport(in.runId());
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("checkpoint", in.checkpointKey());
    stored.put("dataset", in.datasetKey());
    stored.put("beams", e.beams());
    stored.put("samples", e.samples());
    stored.put("report", report);
    if (verified != null) {
      stored.put("verified", verified.verified());
      stored.put("coverage_at_k", verified.coverageAtK());
      stored.put("verified_answers", verified.verifiedAnswers());
      stored.put("candidates_per_input", verified.candidatesPerInput());
      stored.put("verify_seconds_per_input", verified.verifySecondsPerInput());
    }
    stored.put("decode_seconds_per_input", decodeSeconds / Math.max(1, test.size()));
    context.store().putJson(reportKey, stored);
    Map<String, Double> metrics = headline(report);
    if (verified != null) {
      metrics.put("verified_coverage", verified.verified().coverage());
      metrics.put("verified_exact_match", verified.verified().verifiedExactMatch());
    }
    context.metrics().evaluation(in.runId(), metrics);
    return new EvalResult(reportKey, report.n(), metrics);
  }

  static Map<String, Double> headline(EvalReport r) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("exact_match", r.exactMatch());
    m.put("bleu4", r.bleu4());
    m.put("normalized_edit_distance", r.normalizedEditDistance());
    if (r.roundtripAccuracy() != null) {
      m.put("roundtrip_accuracy", r.roundtripAccuracy());
      m.put("parse_rate", r.parseRate());
      m.put("mean_tanimoto", r.meanTanimoto());
    }
    return m;
  }
}
