package io.seqtune.console;

import java.util.Map;
import java.util.Optional;

/**
 * The freshest state of a running run, from wherever the caller has it (the workflow's {@code
 * progress} query and heartbeat on Temporal). Keys are run-record fields ({@code status}, {@code
 * stage}, {@code epoch}, {@code epochs}, {@code step}, {@code loss}, {@code tokensPerSecond}); a
 * null value or a missing key leaves the record's value.
 */
@FunctionalInterface
public interface LiveStatus {
  LiveStatus NONE = runId -> Optional.empty();

  Optional<Map<String, Object>> of(String runId);
}
