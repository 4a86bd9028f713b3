package io.seqtune.workers;

import java.util.Map;

/**
 * Where the Temporal frontend is: {@code TEMPORAL_ADDRESS} (host:port), {@code TEMPORAL_NAMESPACE},
 * and for mTLS {@code TEMPORAL_TLS_CERT}, {@code TEMPORAL_TLS_KEY}, {@code TEMPORAL_TLS_CA}
 * (files).
 */
public record TemporalSettings(
    String address, String namespace, String tlsCert, String tlsKey, String tlsCa) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";

  public static TemporalSettings fromEnvironment(Map<String, String> env) {
    return new TemporalSettings(
        env.getOrDefault("TEMPORAL_ADDRESS", DEFAULT_ADDRESS),
        env.getOrDefault("TEMPORAL_NAMESPACE", "default"),
        env.get("TEMPORAL_TLS_CERT"),
        env.get("TEMPORAL_TLS_KEY"),
        env.get("TEMPORAL_TLS_CA"));
  }

  public static TemporalSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  public TemporalSettings withAddress(String newAddress) {
    return new TemporalSettings(newAddress, namespace, tlsCert, tlsKey, tlsCa);
  }

  public boolean tls() {
    return tlsCert != null || tlsCa != null;
  }
}
