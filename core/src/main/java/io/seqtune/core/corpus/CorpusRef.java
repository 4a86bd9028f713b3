package io.seqtune.core.corpus;

/**
 * A stored pretraining corpus: its key, the texts in its training and validation parts, and the
 * texts left out because they name a molecule (or text) of the dataset's validation or test split.
 */
public record CorpusRef(String key, int train, int validation, long excluded, boolean reused) {}
