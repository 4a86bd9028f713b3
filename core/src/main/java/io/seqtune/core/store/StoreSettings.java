package io.seqtune.core.store;

import java.util.Map;

/**
 * How to reach the object store. Credentials come only from the environment (or the embedded dev
 * stack); {@link #toString()} never prints the secret.
 */
public record StoreSettings(String endpoint, String accessKey, String secretKey, String bucket) {

  public static final String DEV_ACCESS_KEY = "seqtune";
  public static final String DEV_SECRET_KEY = "seqtune-dev-secret";
  public static final String DEFAULT_BUCKET = "seqtune";

  /**
   * {@code S3_ENDPOINT}, {@code S3_ACCESS_KEY}, {@code S3_SECRET_KEY}, {@code S3_BUCKET}, with
   * dev-stack defaults.
   */
  public static StoreSettings fromEnvironment(Map<String, String> env) {
    return new StoreSettings(
        env.getOrDefault("S3_ENDPOINT", "http://127.0.0.1:9000"),
        env.getOrDefault("S3_ACCESS_KEY", DEV_ACCESS_KEY),
        env.getOrDefault("S3_SECRET_KEY", DEV_SECRET_KEY),
        env.getOrDefault("S3_BUCKET", DEFAULT_BUCKET));
  }

  public static StoreSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** The environment variables {@link #fromEnvironment(Map)} reads back into these settings. */
  public Map<String, String> environment() {
    return Map.of(
        "S3_ENDPOINT", endpoint,
        "S3_ACCESS_KEY", accessKey,
        "S3_SECRET_KEY", secretKey,
        "S3_BUCKET", bucket);
  }

  /** The {@code s3://bucket/key} form of a key, as messages and reports show it. */
  public String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return "StoreSettings[endpoint="
        + endpoint
        + ", accessKey="
        + accessKey
        + ", bucket="
        + bucket
        + "]";
  }
}
