package io.seqtune.core.registry;

import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Model versions in the object store. A version is a stored directory (weights, config, tokenizer,
 * {@code version.json}) that is never overwritten; each task has a {@code champion} alias and an
 * append-only log of promotions with the metrics that justified them.
 *
 * <pre>
 * registry/&lt;task&gt;/versions/&lt;version&gt;/   manifest.json last
 * registry/&lt;task&gt;/champion.json
 * registry/&lt;task&gt;/promotions/&lt;instant&gt;-&lt;version&gt;.json
 * </pre>
 */
public final class ModelRegistry {
  public static final String CHAMPION = "champion";
  static final String VERSION_FILE = "version.json";

  private final ObjectStore store;
  private final Clock clock;

  public ModelRegistry(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public ModelRegistry(ObjectStore store) {
    this(store, Clock.systemUTC());
  }

  /**
   * Stores {@code modelDir} as {@code version} unless that version already exists, in which case
   * the stored one is returned untouched: versions are immutable and registering is idempotent.
   */
  public ModelVersion register(ModelVersion version, Path modelDir) {
    String prefix = StoreLayout.version(version.task(), version.version());
    Optional<ModelVersion> existing = find(version.task(), version.version());
    if (existing.isPresent()) {
      return existing.get();
    }
    ModelVersion stamped = version.withCreatedAt(Instant.now(clock).toString());
    try {
      Files.write(modelDir.resolve(VERSION_FILE), ObjectStore.jsonBytes(stamped));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + VERSION_FILE + " into " + modelDir, e);
    }
    store.uploadDirectory(prefix, modelDir, Map.of("kind", "model-version"));
    return stamped;
  }

  public Optional<ModelVersion> find(String task, String version) {
    String prefix = StoreLayout.version(task, version);
    if (store.manifest(prefix).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(store.getJson(prefix + VERSION_FILE, ModelVersion.class));
  }

  /** Every complete version of every task (or of one task), oldest first. */
  public List<ModelVersion> versions(String taskOrNull) {
    String root =
        taskOrNull == null ? StoreLayout.registry(null) : StoreLayout.versions(taskOrNull);
    List<ModelVersion> out = new ArrayList<>();
    for (String key : store.list(root)) {
      if (key.endsWith("/" + ArtifactManifest.FILE_NAME) && StoreLayout.isInVersion(key)) {
        String prefix = key.substring(0, key.length() - ArtifactManifest.FILE_NAME.length());
        out.add(store.getJson(prefix + VERSION_FILE, ModelVersion.class));
      }
    }
    out.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
    return out;
  }

  public Optional<Champion> champion(String task) {
    return store.findJson(StoreLayout.champion(task), Champion.class);
  }

  /**
   * Makes {@code candidate} the champion when its {@code metric} beats the current champion's by
   * more than {@code minImprovement} (or there is none). Idempotent: promoting the champion again
   * changes nothing and logs nothing.
   */
  public Promotion promote(ModelVersion candidate, String metric, double minImprovement) {
    return promote(candidate, metric, minImprovement, null);
  }

  /**
   * As {@link #promote(ModelVersion, String, double)}, and never below {@code minValue} (null: no
   * floor): such a candidate stays registered without becoming champion.
   */
  public Promotion promote(
      ModelVersion candidate, String metric, double minImprovement, Double minValue) {
    String task = candidate.task();
    Optional<Champion> current = champion(task);
    Double value = metricValue(candidate.metrics(), metric);
    Offer offer =
        new Offer(
            candidate,
            metric,
            value,
            current.map(Champion::version).orElse(null),
            Instant.now(clock).toString());
    if (candidate.version().equals(offer.previousChampion())) {
      return offer.decided(true, value, "already the champion");
    }
    Optional<Promotion> interrupted = loggedButNotApplied(candidate, current);
    if (interrupted.isPresent()) {
      // A retry after a crash between the log and the alias: finish that promotion, log nothing
      // new.
      Promotion logged = interrupted.get();
      store.putJson(
          StoreLayout.champion(task),
          new Champion(
              task, candidate.version(), logged.metric(), candidate.metrics(), logged.at()));
      return logged;
    }
    if (value == null) {
      return offer.decided(false, null, "metric " + metric + " was not measured");
    }
    Double championValue = current.map(c -> metricValue(c.metrics(), metric)).orElse(null);
    boolean floored = minValue != null && value < minValue;
    boolean better = !floored && (championValue == null || value > championValue + minImprovement);
    String reason =
        floored
            ? String.format(
                "%s %.4f is below promote.minValue %.4f: registered, not champion",
                metric, value, minValue)
            : championValue == null
                ? "first model for task " + task
                : String.format(
                    "%s %.4f %s champion %s's %.4f + %.4f",
                    metric,
                    value,
                    better ? ">" : "<=",
                    current.get().version(),
                    championValue,
                    minImprovement);
    Promotion promotion = offer.decided(better, championValue, reason);
    if (better) {
      // Log first: a crash between the two leaves a logged promotion that a retry completes.
      store.putJson(StoreLayout.promotion(task, offer.at(), candidate.version()), promotion);
      store.putJson(
          StoreLayout.champion(task),
          new Champion(task, candidate.version(), metric, candidate.metrics(), offer.at()));
    }
    return promotion;
  }

  /** What every answer to one promotion request shares: the candidate, its value, the champion. */
  private record Offer(
      ModelVersion candidate, String metric, Double value, String previousChampion, String at) {
    Promotion decided(boolean promoted, Double championValue, String reason) {
      return new Promotion(
          candidate.task(),
          candidate.version(),
          promoted,
          previousChampion,
          metric,
          value,
          championValue,
          reason,
          candidate.metrics(),
          at);
    }
  }

  /**
   * A logged promotion of {@code candidate} over the current champion, which the alias does not
   * show yet.
   */
  private Optional<Promotion> loggedButNotApplied(
      ModelVersion candidate, Optional<Champion> current) {
    String previous = current.map(Champion::version).orElse(null);
    for (String key : store.list(StoreLayout.promotions(candidate.task()))) {
      if (StoreLayout.isPromotionOf(key, candidate.version())) {
        Promotion p = store.getJson(key, Promotion.class);
        if (p.promoted()
            && p.version().equals(candidate.version())
            && Objects.equals(p.previousChampion(), previous)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** The promotion log of a task, oldest first. */
  public List<Promotion> promotions(String task) {
    List<Promotion> out = new ArrayList<>();
    for (String key : store.list(StoreLayout.promotions(task))) {
      out.add(store.getJson(key, Promotion.class));
    }
    return out;
  }

  /** Resolves {@code champion} or a version name to a version of {@code task}. */
  public ModelVersion resolve(String task, String versionOrAlias) {
    String version =
        CHAMPION.equals(versionOrAlias)
            ? champion(task)
                .map(Champion::version)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "task " + task + " has no champion yet: run a pipeline first"))
            : versionOrAlias;
    return find(task, version)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no model version '" + version + "' for task " + task));
  }

  /** Downloads a version into {@code dir} (verified against its manifest). */
  public Path fetch(ModelVersion version, Path dir) {
    store.downloadDirectory(StoreLayout.version(version.task(), version.version()), dir);
    return dir;
  }

  /**
   * {@code neg_edit_distance} ranks lower edit distance higher; every other metric is read as is.
   */
  static Double metricValue(Map<String, Double> metrics, String metric) {
    if (metrics == null) {
      return null;
    }
    if ("neg_edit_distance".equals(metric)) {
      Double d = metrics.get("normalized_edit_distance");
      return d == null ? null : -d;
    }
    return new HashMap<>(metrics).get(metric);
  }
}
