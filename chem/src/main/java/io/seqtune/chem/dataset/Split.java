package io.seqtune.chem.dataset;

/** Dataset splits; the id is the shard file prefix (train-00000.jsonl). */
public enum Split {
  TRAIN("train"),
  VALIDATION("val"),
  TEST("test");

  public final String id;

  Split(String id) {
    this.id = id;
  }
}
