package io.seqtune.core.evaluation;

import io.seqtune.core.spec.EvalSpec;
import io.seqtune.model.Sampling;

/**
 * Which candidates to decode per input for verified translation: the {@code beams} hypotheses of a
 * beam search (greedy at 1), then {@code samples} draws at {@code temperature} over the top {@code
 * topK} tokens (0: all), the samples ranked by model log-probability and repeats dropped.
 */
public record CandidateSearch(int beams, int samples, double temperature, int topK, long seed) {
  public static CandidateSearch beamsOnly(int beams) {
    return new CandidateSearch(beams, 0, 1.0, 0, 0);
  }

  /** The search an evaluation spec asks for; samples repeat with the run's {@code seed}. */
  public static CandidateSearch of(EvalSpec e, long seed) {
    return new CandidateSearch(e.beams(), e.samples(), e.temperature(), e.topK(), seed);
  }

  /** Most candidates one input can get. */
  public int maxCandidates() {
    return beams + samples;
  }

  /** The sampling of the inputs from position {@code first} on: each batch draws its own stream. */
  Sampling sampling(int first) {
    return new Sampling(samples, temperature, topK, seed + first);
  }
}
