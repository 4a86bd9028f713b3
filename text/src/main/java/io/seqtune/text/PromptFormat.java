package io.seqtune.text;

/** Turns an (input, output) pair into prompt text and response text. */
public interface PromptFormat {
  /** A short identifier, stored in dataset specs and manifests. */
  String id();

  /** The prompt for an input, for inference (response null). */
  Prompted render(String input, TaskText task);

  /** A training example: the prompt and the response the model must learn. */
  default Prompted render(String input, String response, TaskText task) {
    return new Prompted(render(input, task).prompt(), response + responseEnd());
  }

  /** Text the format puts after the response (before EOS); "" for the built-in formats. */
  default String responseEnd() {
    return "";
  }

  /** The answer inside generated text: up to the format's response end, trimmed. */
  default String extractResponse(String generated) {
    String end = responseEnd();
    int cut = end.isEmpty() ? -1 : generated.indexOf(end);
    return (cut < 0 ? generated : generated.substring(0, cut)).strip();
  }
}
