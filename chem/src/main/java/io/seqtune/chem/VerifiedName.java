package io.seqtune.chem;

/**
 * The answer of verified translation.
 *
 * @param name the chosen candidate
 * @param verified OPSIN parses it to the source molecule
 * @param rank its position in the candidate list (0 = top); 0 when unverified (the top candidate is
 *     returned)
 */
public record VerifiedName(String name, boolean verified, int rank) {}
