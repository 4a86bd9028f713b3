package io.seqtune.workers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * What {@code seqtune status --json} prints: the workflow's state joined with the live epoch's
 * heartbeat.
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
    Integer attempt,
    String datasetKey,
    Map<String, Double> metrics,
    String modelVersion,
    String weightsSha256,
    Boolean champion,
    String failure) {}
