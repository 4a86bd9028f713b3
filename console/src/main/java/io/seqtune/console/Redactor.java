package io.seqtune.console;

/**
 * Last line of defence for secrets: any answer that would carry the object store's secret key gets
 * it replaced. Nothing the console reads should hold it; this keeps a mistake from publishing it.
 */
final class Redactor {
  static final String MASK = "[redacted]";
  private final String secret;

  Redactor(String secret) {
    // Short strings (a dev default, an empty key) would mask ordinary words; real secrets are long.
    this.secret = secret != null && secret.length() >= 8 ? secret : null;
  }

  String scrub(String text) {
    return secret == null || !text.contains(secret) ? text : text.replace(secret, MASK);
  }
}
