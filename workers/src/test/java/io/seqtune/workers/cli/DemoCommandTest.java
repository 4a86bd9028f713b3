package io.seqtune.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqtune.core.spec.PromoteSpec;
import io.seqtune.model.ComputeDtype;
import io.seqtune.workers.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code seqtune demo}, shrunk: its own embedded stack, the whole pipeline, the table and the JSON
 * line.
 */
class DemoCommandTest {
  @Test
  void aSmallDemoRunsThePipelineAndReportsWhereEverythingIs(@TempDir Path home) throws Exception {
    Run demo =
        CliTest.seqtune(
            System.getenv(),
            "demo",
            "--size",
            "80",
            "--epochs",
            "2",
            "--layers",
            "1",
            "--hidden",
            "32",
            "--heads",
            "2",
            "--batch-size",
            "16",
            "--eval-examples",
            "4",
            "--beams",
            "2",
            "--home",
            home.toString(),
            "--json");
    assertThat(demo.exit()).as(demo.err()).isZero();
    assertThat(demo.out())
        .contains(
            "seqtune demo: SMILES -> IUPAC", "verified coverage", "OPSIN round trip, top beam");

    JsonNode r = Cli.JSON.readTree(demo.lastLine());
    assertThat(r.get("epochs").asInt()).isEqualTo(2);
    assertThat(r.get("beams").asInt()).isEqualTo(2);
    assertThat(r.get("examples").asInt()).isPositive();
    // Champion only above the promotion floor: a two-epoch toy model is registered, not promoted.
    assertThat(r.get("champion").asBoolean())
        .isEqualTo(r.get("roundtrip_accuracy").asDouble() >= PromoteSpec.DEFAULT_MIN_VALUE);
    for (String metric :
        new String[] {
          "val_loss", "exact_match", "roundtrip_accuracy", "verified_coverage", "wall_seconds"
        }) {
      assertThat(r.get(metric).isNumber()).as(metric).isTrue();
    }
    // A verified answer is one of the beams, so the top beam can never beat the verified coverage.
    assertThat(r.get("verified_coverage").asDouble())
        .isGreaterThanOrEqualTo(r.get("roundtrip_accuracy").asDouble());

    // The registered weights are in the store the demo names, with the sha256 it printed.
    Path bucket = Path.of(r.get("store_dir").asText()).resolve("seqtune");
    Path weights =
        bucket
            .resolve(r.get("model").asText().replace("s3://seqtune/", ""))
            .resolve("model.safetensors");
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(weights)));
    assertThat(sha).isEqualTo(r.get("weights_sha256").asText());
    assertThat(bucket.resolve(r.get("report").asText().replace("s3://seqtune/", "")))
        .isRegularFile();

    // The model's defaults: a 150-merge BPE from scratch, bf16 compute where this CPU has it.
    Path model = weights.getParent();
    assertThat(
            Cli.JSON.readTree(model.resolve("tokenizer.json").toFile()).at("/model/type").asText())
        .isEqualTo("BPE");
    JsonNode spec =
        Cli.JSON
            .readTree(
                bucket
                    .resolve("runs")
                    .resolve(r.get("model_version").asText())
                    .resolve("run.json")
                    .toFile())
            .get("spec");
    assertThat(spec.at("/model/tokenizer").asText()).isEqualTo("bpe");
    assertThat(spec.at("/model/bpeMerges").asInt()).isEqualTo(150);
    assertThat(spec.at("/train/precision").asText())
        .isEqualTo(ComputeDtype.fastestOnThisCpu().specName());
  }
}
