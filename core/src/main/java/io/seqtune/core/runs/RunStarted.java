package io.seqtune.core.runs;

import com.fasterxml.jackson.databind.JsonNode;

/** A run (re)starting: its ids, what it trains, and its validated spec as JSON. */
public record RunStarted(
    String runId, String workflowId, String task, String baseModel, int epochs, JsonNode spec) {}
