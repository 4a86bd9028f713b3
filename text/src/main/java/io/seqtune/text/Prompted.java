package io.seqtune.text;

/**
 * A rendered example. The model side tokenizes prompt and response separately, puts the loss on the
 * response tokens only and appends EOS after the response.
 *
 * @param prompt everything the model is given
 * @param response what the model must produce; null when rendering for inference
 */
public record Prompted(String prompt, String response) {
  /** The training text, prompt followed by response. */
  public String text() {
    return response == null ? prompt : prompt + response;
  }
}
