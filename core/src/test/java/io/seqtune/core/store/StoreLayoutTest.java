package io.seqtune.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucket layout docs/architecture.md documents, key by key. */
class StoreLayoutTest {

  @Test
  void datasetsRunsAndSweepsLiveUnderTheirOwnPrefixes() {
    assertThat(StoreLayout.dataset("smiles2iupac-ds-ab12"))
        .isEqualTo("datasets/smiles2iupac-ds-ab12/");
    assertThat(StoreLayout.runRecord("r1")).isEqualTo("runs/r1/run.json");
    assertThat(StoreLayout.checkpoints("r1")).isEqualTo("runs/r1/checkpoints/");
    assertThat(StoreLayout.evalReport("r1")).isEqualTo("runs/r1/eval/report.json");
    assertThat(StoreLayout.sweep("sw1")).isEqualTo("sweeps/sw1/");
  }

  @Test
  void checkpointKeysSortByStepAndGiveTheirStepBack() {
    String key = StoreLayout.checkpoint("r1", 123);
    assertThat(key).isEqualTo("runs/r1/checkpoints/step-000000123/");
    assertThat(StoreLayout.checkpointStep(key)).isEqualTo(123);
    assertThat(StoreLayout.checkpointStep("runs/r1/checkpoints/step-000000007")).isEqualTo(7);
    assertThat(StoreLayout.checkpoint("r1", 99)).isLessThan(StoreLayout.checkpoint("r1", 100));
  }

  @Test
  void anyKeyInsideACheckpointNamesItsDirectory() {
    String dir = StoreLayout.checkpoint("r1", 5);
    assertThat(StoreLayout.checkpointOf("r1", dir + "model/model.safetensors")).isEqualTo(dir);
    assertThat(StoreLayout.checkpointOf("r1", dir + "manifest.json")).isEqualTo(dir);
  }

  @Test
  void registryKeysPerTask() {
    assertThat(StoreLayout.registry(null)).isEqualTo("registry/");
    assertThat(StoreLayout.version("text", "run-7")).isEqualTo("registry/text/versions/run-7/");
    assertThat(StoreLayout.champion("text")).isEqualTo("registry/text/champion.json");
    assertThat(StoreLayout.isInVersion("registry/text/versions/run-7/manifest.json")).isTrue();
    assertThat(StoreLayout.isInVersion("registry/text/champion.json")).isFalse();
  }

  @Test
  void promotionLogKeysAreFileSystemSafeAndSortInTimeOrder() {
    String early = StoreLayout.promotion("text", "2026-03-01T10:00:00Z", "run-7");
    String late = StoreLayout.promotion("text", "2026-03-02T09:00:00Z", "run-1");
    assertThat(early).isEqualTo("registry/text/promotions/2026-03-01T10-00-00Z-run-7.json");
    assertThat(early).isLessThan(late);
    assertThat(StoreLayout.isPromotionOf(early, "run-7")).isTrue();
    assertThat(StoreLayout.isPromotionOf(early, "run-1")).isFalse();
  }

  @Test
  void uriNamesTheBucket() {
    StoreSettings settings = new StoreSettings("http://127.0.0.1:9000", "k", "s", "bkt");
    assertThat(settings.uri(StoreLayout.champion("text")))
        .isEqualTo("s3://bkt/registry/text/champion.json");
  }
}
