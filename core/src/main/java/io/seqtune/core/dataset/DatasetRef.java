package io.seqtune.core.dataset;

import java.util.Map;

/** A built dataset in the object store: its key and how many examples each split holds. */
public record DatasetRef(
    String key,
    int train,
    int validation,
    int test,
    Map<String, Integer> removedByRule,
    boolean reused) {}
