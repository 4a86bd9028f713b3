package io.seqtune.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code (step, loss)} points live sources reported while runs trained, kept in memory so a
 * run's train curve moves between record writes (a record is written per checkpoint, often once an
 * epoch). Points accrue while any page polls; a settled run's trail is dropped.
 */
final class LiveTrails {
  /** Points kept per run; beyond it every other point is dropped, as records thin theirs. */
  static final int MAX_POINTS = 2_000;

  private final Map<String, List<double[]>> byRun = new ConcurrentHashMap<>();

  void note(String runId, long step, double loss) {
    List<double[]> trail = byRun.computeIfAbsent(runId, id -> new ArrayList<>());
    synchronized (trail) {
      if (trail.isEmpty() || step > trail.get(trail.size() - 1)[0]) {
        trail.add(new double[] {step, loss});
      }
      if (trail.size() > MAX_POINTS) {
        for (int i = trail.size() - 2; i > 0; i -= 2) {
          trail.remove(i);
        }
      }
    }
  }

  void forget(String runId) {
    byRun.remove(runId);
  }

  /** Appends to {@code record.curve.train} the trail points past its newest step. */
  void extend(String runId, ObjectNode record) {
    List<double[]> trail = byRun.get(runId);
    if (trail == null) {
      return;
    }
    ObjectNode curve = record.get("curve") instanceof ObjectNode c ? c : record.putObject("curve");
    ArrayNode train = curve.get("train") instanceof ArrayNode t ? t : curve.putArray("train");
    double newest = train.isEmpty() ? -1 : last(train).path(0).asDouble();
    synchronized (trail) {
      for (double[] p : trail) {
        if (p[0] > newest) {
          train.addArray().add((long) p[0]).add(p[1]);
        }
      }
    }
  }

  private static JsonNode last(ArrayNode array) {
    return array.get(array.size() - 1);
  }
}
