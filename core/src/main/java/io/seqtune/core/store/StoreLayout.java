package io.seqtune.core.store;

/**
 * Every key seqtune reads or writes in its bucket. Nothing else spells out a key: code that needs
 * one asks here.
 *
 * <pre>
 * datasets/&lt;datasetKey&gt;/                         manifest.json last
 * corpora/&lt;corpusKey&gt;/                           a pretraining corpus, manifest.json last
 * runs/&lt;runId&gt;/run.json                           the run record
 * runs/&lt;runId&gt;/checkpoints/step-&lt;000000123&gt;/     manifest.json last
 * runs/&lt;runId&gt;/pretraining/checkpoints/step-&lt;000000123&gt;/   the same, of pretraining
 * runs/&lt;runId&gt;/eval/report.json
 * registry/&lt;task&gt;/versions/&lt;version&gt;/          immutable, manifest.json last
 * registry/&lt;task&gt;/champion.json
 * registry/&lt;task&gt;/promotions/&lt;instant&gt;-&lt;version&gt;.json
 * sweeps/&lt;sweepId&gt;/                             results table and plots, manifest.json last
 * </pre>
 *
 * Prefixes of directories end with {@code /}.
 */
public final class StoreLayout {
  public static final String DATASETS = "datasets/";
  public static final String CORPORA = "corpora/";
  public static final String RUNS = "runs/";
  public static final String REGISTRY = "registry/";
  public static final String SWEEPS = "sweeps/";

  private StoreLayout() {}

  public static String dataset(String datasetKey) {
    return DATASETS + datasetKey + "/";
  }

  /** A pretraining corpus: unpaired texts, stored like a dataset's splits. */
  public static String corpus(String corpusKey) {
    return CORPORA + corpusKey + "/";
  }

  public static String run(String runId) {
    return RUNS + runId + "/";
  }

  /** The run record of a run. */
  public static String runRecord(String runId) {
    return run(runId) + "run.json";
  }

  public static String checkpoints(String runId) {
    return run(runId) + "checkpoints/";
  }

  public static String checkpoint(String runId, long globalStep) {
    return checkpointIn(checkpoints(runId), globalStep);
  }

  /** The checkpoints of a run's pretraining stage, apart from its fine-tuning ones. */
  public static String pretrainingCheckpoints(String runId) {
    return run(runId) + "pretraining/checkpoints/";
  }

  /** The checkpoint at {@code globalStep} under a prefix of checkpoints. */
  public static String checkpointIn(String checkpointsPrefix, long globalStep) {
    return checkpointsPrefix + String.format("step-%09d/", globalStep);
  }

  /** The optimizer step a checkpoint key names. */
  public static long checkpointStep(String checkpointKey) {
    return Long.parseLong(checkpointKey.replaceAll(".*step-(\\d+)/?$", "$1"));
  }

  /** The checkpoint directory ({@code runs/<id>/checkpoints/step-N/}) of any key inside it. */
  public static String checkpointOf(String runId, String key) {
    return checkpointUnder(checkpoints(runId), key);
  }

  /** The checkpoint directory under {@code checkpointsPrefix} of any key inside it. */
  public static String checkpointUnder(String checkpointsPrefix, String key) {
    String rest = key.substring(checkpointsPrefix.length());
    int slash = rest.indexOf('/');
    return checkpointsPrefix + (slash < 0 ? rest : rest.substring(0, slash)) + "/";
  }

  public static String evalReport(String runId) {
    return run(runId) + "eval/report.json";
  }

  /** Every key of the registry, or of one task's part of it. */
  public static String registry(String taskOrNull) {
    return taskOrNull == null ? REGISTRY : REGISTRY + taskOrNull + "/";
  }

  public static String versions(String task) {
    return registry(task) + "versions/";
  }

  public static String version(String task, String version) {
    return versions(task) + version + "/";
  }

  /** Whether {@code key} lies inside some model version. */
  public static boolean isInVersion(String key) {
    return key.startsWith(REGISTRY) && key.contains("/versions/");
  }

  public static String champion(String task) {
    return registry(task) + "champion.json";
  }

  public static String promotions(String task) {
    return registry(task) + "promotions/";
  }

  /** A promotion log entry: sorted by instant (colons made safe for file systems), then version. */
  public static String promotion(String task, String instant, String version) {
    return promotions(task) + instant.replace(':', '-') + "-" + version + ".json";
  }

  /** Whether a promotion log key records a promotion of {@code version}. */
  public static boolean isPromotionOf(String key, String version) {
    return key.endsWith("-" + version + ".json");
  }

  public static String sweep(String sweepId) {
    return SWEEPS + sweepId + "/";
  }
}
