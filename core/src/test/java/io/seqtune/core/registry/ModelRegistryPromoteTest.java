package io.seqtune.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.seqtune.core.store.LoopbackS3;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every branch of {@link ModelRegistry#promote}, against a real S3 server on loopback, each test on
 * a task of its own. The registry's clock is fixed, so promotion times and log keys are known.
 */
class ModelRegistryPromoteTest {
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
  private static final AtomicInteger TASKS = new AtomicInteger();

  @RegisterExtension static final LoopbackS3 S3 = new LoopbackS3("registry-test");
  static ObjectStore store;

  @BeforeAll
  static void start() {
    store = S3.store();
  }

  private static String newTask() {
    return "task" + TASKS.incrementAndGet();
  }

  private static ModelRegistry at(Instant now) {
    return new ModelRegistry(store, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static ModelVersion version(String task, String name, Map<String, Double> metrics) {
    return new ModelVersion(task, name, name, "scratch", "ds", "ckpt", metrics, "sha", "t");
  }

  @Test
  void theFirstModelOfATaskBecomesChampionAndIsLogged() {
    String task = newTask();
    Promotion p = at(T1).promote(version(task, "v1", Map.of("exact_match", 0.3)), "exact_match", 0);

    assertThat(p.promoted()).isTrue();
    assertThat(p.reason()).isEqualTo("first model for task " + task);
    assertThat(p.previousChampion()).isNull();
    assertThat(p.value()).isEqualTo(0.3);
    assertThat(p.at()).isEqualTo(T1.toString());
    Champion champion = at(T1).champion(task).orElseThrow();
    assertThat(champion.version()).isEqualTo("v1");
    assertThat(champion.metric()).isEqualTo("exact_match");
    assertThat(champion.promotedAt()).isEqualTo(T1.toString());
    assertThat(store.list(StoreLayout.promotions(task)))
        .containsExactly(StoreLayout.promotion(task, T1.toString(), "v1"));
    assertThat(at(T1).promotions(task)).containsExactly(p);
  }

  @Test
  void aModelThatBeatsTheChampionByMoreThanTheMarginReplacesIt() {
    String task = newTask();
    at(T1).promote(version(task, "v1", Map.of("exact_match", 0.3)), "exact_match", 0.05);
    Promotion p =
        at(T2).promote(version(task, "v2", Map.of("exact_match", 0.4)), "exact_match", 0.05);

    assertThat(p.promoted()).isTrue();
    assertThat(p.previousChampion()).isEqualTo("v1");
    assertThat(p.championValue()).isEqualTo(0.3);
    assertThat(p.reason()).isEqualTo("exact_match 0.4000 > champion v1's 0.3000 + 0.0500");
    assertThat(at(T2).champion(task).orElseThrow().version()).isEqualTo("v2");
    assertThat(at(T2).promotions(task)).extracting(Promotion::version).containsExactly("v1", "v2");
  }

  @Test
  void aModelWithinTheMarginIsNotPromotedAndNothingIsLogged() {
    String task = newTask();
    at(T1).promote(version(task, "v1", Map.of("exact_match", 0.3)), "exact_match", 0.05);
    Promotion p =
        at(T2).promote(version(task, "v2", Map.of("exact_match", 0.34)), "exact_match", 0.05);

    assertThat(p.promoted()).isFalse();
    assertThat(p.previousChampion()).isEqualTo("v1");
    assertThat(p.reason()).isEqualTo("exact_match 0.3400 <= champion v1's 0.3000 + 0.0500");
    assertThat(p.at()).isEqualTo(T2.toString());
    assertThat(at(T2).champion(task).orElseThrow().version()).isEqualTo("v1");
    assertThat(at(T2).promotions(task)).extracting(Promotion::version).containsExactly("v1");
  }

  @Test
  void aModelThatDidNotMeasureTheMetricIsNotPromoted() {
    String task = newTask();
    at(T1).promote(version(task, "v1", Map.of("exact_match", 0.3)), "exact_match", 0);
    Promotion p =
        at(T2).promote(version(task, "v2", Map.of("bleu4", 0.9)), "roundtrip_accuracy", 0);

    assertThat(p.promoted()).isFalse();
    assertThat(p.reason()).isEqualTo("metric roundtrip_accuracy was not measured");
    assertThat(p.value()).isNull();
    assertThat(p.previousChampion()).isEqualTo("v1");
    assertThat(at(T2).champion(task).orElseThrow().version()).isEqualTo("v1");
    assertThat(at(T2).promotions(task)).hasSize(1);
  }

  @Test
  void promotingTheChampionAgainChangesAndLogsNothing() {
    String task = newTask();
    ModelVersion v1 = version(task, "v1", Map.of("exact_match", 0.3));
    at(T1).promote(v1, "exact_match", 0);
    Promotion again = at(T2).promote(v1, "exact_match", 0);

    assertThat(again.promoted()).isTrue();
    assertThat(again.reason()).isEqualTo("already the champion");
    assertThat(again.previousChampion()).isEqualTo("v1");
    assertThat(at(T2).champion(task).orElseThrow().promotedAt()).isEqualTo(T1.toString());
    assertThat(at(T2).promotions(task)).hasSize(1);
  }

  @Test
  void aPromotionLoggedBeforeACrashIsCompletedWithoutASecondLogEntry() {
    String task = newTask();
    at(T1).promote(version(task, "v1", Map.of("exact_match", 0.3)), "exact_match", 0);
    ModelVersion v2 = version(task, "v2", Map.of("exact_match", 0.5));
    // What a crash between writing the log and moving the alias leaves behind.
    Promotion logged =
        new Promotion(
            task, "v2", true, "v1", "exact_match", 0.5, 0.3, "logged", v2.metrics(), T1.toString());
    store.putJson(StoreLayout.promotion(task, T1.toString(), "v2"), logged);

    Promotion retried = at(T2).promote(v2, "exact_match", 0);

    assertThat(retried).isEqualTo(logged);
    Champion champion = at(T2).champion(task).orElseThrow();
    assertThat(champion.version()).isEqualTo("v2");
    assertThat(champion.promotedAt()).isEqualTo(T1.toString());
    assertThat(at(T2).promotions(task)).extracting(Promotion::version).containsExactly("v1", "v2");
  }

  @Test
  void aLoggedPromotionOverAnotherChampionIsNotReusedButDecidedAfresh() {
    String task = newTask();
    ModelVersion v2 = version(task, "v2", Map.of("exact_match", 0.5));
    // Logged while v0 was champion; the champion is v1 now, so the entry does not apply.
    store.putJson(
        StoreLayout.promotion(task, T1.toString(), "v2"),
        new Promotion(task, "v2", true, "v0", "exact_match", 0.5, 0.1, "old", Map.of(), "x"));
    at(T1).promote(version(task, "v1", Map.of("exact_match", 0.3)), "exact_match", 0);

    Promotion p = at(T2).promote(v2, "exact_match", 0);

    assertThat(p.promoted()).isTrue();
    assertThat(p.previousChampion()).isEqualTo("v1");
    assertThat(p.at()).isEqualTo(T2.toString());
  }

  @Test
  void negEditDistanceRanksTheLowerEditDistanceHigher() {
    String task = newTask();
    at(T1)
        .promote(
            version(task, "v1", Map.of("normalized_edit_distance", 0.2)), "neg_edit_distance", 0);
    Promotion worse =
        at(T2)
            .promote(
                version(task, "v2", Map.of("normalized_edit_distance", 0.3)),
                "neg_edit_distance",
                0);
    Promotion better =
        at(T2)
            .promote(
                version(task, "v3", Map.of("normalized_edit_distance", 0.1)),
                "neg_edit_distance",
                0);

    assertThat(worse.promoted()).isFalse();
    assertThat(worse.value()).isEqualTo(-0.3);
    assertThat(better.promoted()).isTrue();
    assertThat(better.championValue()).isEqualTo(-0.2);
  }

  @Test
  void aChampionThatNeverMeasuredTheMetricIsReplacedAsIfThereWereNone() {
    String task = newTask();
    at(T1).promote(version(task, "v1", Map.of("exact_match", 0.3)), "exact_match", 0);
    Promotion p = at(T2).promote(version(task, "v2", Map.of("bleu4", 0.1)), "bleu4", 0);

    assertThat(p.promoted()).isTrue();
    assertThat(p.previousChampion()).isEqualTo("v1");
    assertThat(p.championValue()).isNull();
    assertThat(p.reason()).isEqualTo("first model for task " + task);
  }
}
