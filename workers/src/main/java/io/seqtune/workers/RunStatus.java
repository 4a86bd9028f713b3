package io.seqtune.workers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What {@code seqtune status --json} prints. Epoch, step and loss come from one source, the newest
 * of the running epoch's heartbeat and the workflow's {@code progress} query ({@code source} names
 * it); {@code etaSeconds} is the time left for the whole run's training, {@code checkpoint} the
 * newest checkpoint the run left.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunStatus(
    String workflowId,
    String status,
    String stage,
    Integer epoch,
    Integer epochs,
    Long step,
    Integer batchesDone,
    Integer batchesInEpoch,
    Double loss,
    Double tokensPerSecond,
    Long etaSeconds,
    String source,
    Integer attempt,
    String datasetKey,
    String checkpoint,
    Map<String, Double> metrics,
    String modelVersion,
    String weightsSha256,
    Boolean champion,
    String failure) {}
