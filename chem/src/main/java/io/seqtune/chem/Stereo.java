package io.seqtune.chem;

/**
 * Whether a structural comparison must agree on stereochemistry (STRICT) or only on constitution
 * (IGNORE).
 */
public enum Stereo {
  STRICT,
  IGNORE
}
