package io.seqtune.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqtune.core.checkpoint.CheckpointState;
import io.seqtune.core.checkpoint.Checkpoints;
import io.seqtune.core.store.ArtifactManifest;
import io.seqtune.core.store.ObjectStore;
import io.seqtune.core.store.StoreLayout;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run-record-shaped description of a run directory that has no {@code run.json}: its complete
 * checkpoints (step, epoch, size and weights sha256 from their manifests; the epoch's mean train
 * loss so far from {@code progress.json}; validation loss at epoch ends) and its evaluation report.
 * Status and stage are unknown here; a live source may fill them in.
 */
final class ArtifactRuns {
  private static final Pattern CHECKPOINT_MANIFEST =
      Pattern.compile(
          "runs/[^/]+/checkpoints/step-\\d+/" + Pattern.quote(ArtifactManifest.FILE_NAME));

  private final ObjectStore store;
  private final ObjectMapper json;

  ArtifactRuns(ObjectStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  ObjectNode describe(String runId, List<String> keys) {
    ObjectNode run = json.createObjectNode();
    run.put("runId", runId).put("workflowId", runId).put("source", "artifacts");
    run.put("status", "UNKNOWN");
    ArrayNode checkpoints = run.putArray("checkpoints");
    ArrayNode train = json.createArrayNode();
    ArrayNode val = json.createArrayNode();
    for (String key : keys) {
      if (CHECKPOINT_MANIFEST.matcher(key).matches()) {
        String prefix = StoreLayout.checkpointOf(runId, key);
        long step = StoreLayout.checkpointStep(prefix);
        ArtifactManifest manifest = readManifest(prefix);
        if (manifest == null) {
          continue;
        }
        JsonNode meta = json.valueToTree(manifest.meta());
        ArtifactManifest.FileEntry weights = manifest.files().get(Checkpoints.WEIGHTS_FILE);
        ObjectNode c = checkpoints.addObject();
        c.put("key", prefix).put("step", step).put("epoch", meta.path("epoch").asInt());
        c.put("bytes", manifest.totalBytes());
        c.put("sha256", weights == null ? null : weights.sha256());
        JsonNode progress = readTree(prefix + CheckpointState.FILE_NAME);
        if (progress != null && progress.path("lossCount").asLong() > 0) {
          double mean = progress.path("lossSum").asDouble() / progress.path("lossCount").asLong();
          train.addArray().add(step).add(mean);
        }
        if (meta.path("val_loss").isNumber()) {
          val.addArray().add(step).add(meta.path("val_loss").asDouble());
        }
        run.put("epoch", Math.max(run.path("epoch").asInt(), meta.path("epoch").asInt()));
        run.put("step", Math.max(run.path("step").asLong(), step));
      }
    }
    ObjectNode curve = run.putObject("curve");
    curve.set("train", train);
    curve.set("val", val);
    if (!train.isEmpty()) {
      run.put("loss", train.get(train.size() - 1).get(1).asDouble());
    }
    String reportKey = StoreLayout.evalReport(runId);
    if (keys.contains(reportKey)) {
      run.put("reportKey", reportKey).put("stage", "evaluation");
      JsonNode report = readTree(reportKey);
      if (report != null) {
        ObjectNode metrics = run.putObject("metrics");
        Iterator<Map.Entry<String, JsonNode>> fields = report.path("report").fields();
        fields.forEachRemaining(
            f -> {
              if (f.getValue().isNumber() && !"n".equals(f.getKey())) {
                metrics.set(f.getKey(), f.getValue());
              }
            });
      }
    } else if (!checkpoints.isEmpty()) {
      run.put("stage", "training");
    }
    return run;
  }

  /** The checkpoint's manifest, or null when it is missing or unreadable. */
  private ArtifactManifest readManifest(String prefix) {
    try {
      return store.manifest(prefix).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The JSON at {@code key}, or null when it is missing or unreadable. */
  private JsonNode readTree(String key) {
    try {
      return json.readTree(store.getBytes(key));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
