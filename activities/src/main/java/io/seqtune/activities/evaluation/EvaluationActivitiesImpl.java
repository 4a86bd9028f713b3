package io.seqtune.activities.evaluation;

import io.seqtune.activities.WorkerContext;
import io.seqtune.activities.dataset.DatasetFiles;
import io.seqtune.activities.dataset.Example;
import io.seqtune.activities.spec.EvalSpec;
import io.seqtune.activities.training.Checkpoints;
import io.seqtune.activities.training.ModelBundle;
import io.seqtune.chem.EvalExample;
import io.seqtune.chem.EvalReport;
import io.seqtune.chem.Evaluator;
import io.seqtune.chem.Stereo;
import io.seqtune.chem.VerifiedReport;
import io.temporal.activity.Activity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes the test split with the checkpoint's model and judges the answers (OPSIN round trip for
 * names).
 */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
  private final WorkerContext context;

  public EvaluationActivitiesImpl(WorkerContext context) {
    this.context = context;
  }

  @Override
  public EvalResult evaluate(EvaluateInput in) {
    context.metrics().attempt("Evaluate");
    Path work = context.scratch("eval", in.runId() + "-" + UUID.randomUUID());
    try {
      Checkpoints.Loaded checkpoint =
          new Checkpoints(context.store())
              .firstIntact(List.of(in.checkpointKey()), work)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "checkpoint " + in.checkpointKey() + " is missing or corrupt"));
      Path data = DatasetFiles.local(context.store(), in.datasetKey(), context.scratch("datasets"));
      EvalSpec e = in.spec().eval();
      List<Example> test = DatasetFiles.split(data, DatasetFiles.TEST);
      test = test.subList(0, Math.min(test.size(), e.maxExamples()));
      boolean names = "smiles2iupac".equals(in.spec().task());
      Stereo stereo = Stereo.valueOf(e.stereo().toUpperCase());
      List<List<String>> candidates;
      try (ModelBundle bundle =
          ModelBundle.load(checkpoint.modelDir(), ModelBundle.device(in.spec()))) {
        candidates =
            new Translator(bundle)
                .candidates(
                    test.stream().map(Example::input).toList(),
                    e.beams(),
                    e.maxNewTokens(),
                    e.beams(),
                    done -> Activity.getExecutionContext().heartbeat(done));
      }
      List<EvalExample> judged = new ArrayList<>();
      List<VerifiedReport.Case> cases = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        judged.add(
            new EvalExample(test.get(i).input(), test.get(i).output(), candidates.get(i).get(0)));
        cases.add(
            new VerifiedReport.Case(test.get(i).input(), test.get(i).output(), candidates.get(i)));
      }
      EvalReport report = Evaluator.evaluate(judged, names, stereo);
      // Verified translation: the best beam whose OPSIN parse is the source molecule, when there is
      // one.
      VerifiedReport verified = names ? VerifiedReport.evaluate(cases, stereo) : null;
      String reportKey = "runs/" + in.runId() + "/eval/report.json";
      Map<String, Object> stored = new LinkedHashMap<>();
      stored.put("checkpoint", in.checkpointKey());
      stored.put("dataset", in.datasetKey());
      stored.put("beams", e.beams());
      stored.put("report", report);
      if (verified != null) {
        stored.put("verified", verified);
      }
      context.store().putJson(reportKey, stored);
      Map<String, Double> metrics = headline(report);
      if (verified != null) {
        metrics.put("verified_coverage", verified.coverage());
        metrics.put("verified_exact_match", verified.verifiedExactMatch());
      }
      context.metrics().evaluation(in.runId(), metrics);
      return new EvalResult(reportKey, report.n(), metrics);
    } catch (RuntimeException ex) {
      context.metrics().failure("Evaluate");
      throw ex;
    } finally {
      WorkerContext.deleteScratch(work);
    }
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
