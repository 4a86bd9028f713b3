package io.seqtune.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where the console listens and what guards it.
 *
 * @param host interface to bind; anything but loopback needs {@code token}
 * @param port TCP port, 0 for a free one
 * @param token shared secret every request must carry ({@code SEQTUNE_CONSOLE_TOKEN}), or null
 * @param temporalWorkflows address prefix of a workflow's page in a Temporal web UI, completed by
 *     the workflow id ({@code TEMPORAL_UI_URL/namespaces/TEMPORAL_NAMESPACE/workflows/}), or null
 */
public record ConsoleOptions(String host, int port, String token, String temporalWorkflows) {
  public static final String TOKEN_ENV = "SEQTUNE_CONSOLE_TOKEN";
  public static final String TEMPORAL_UI_ENV = "TEMPORAL_UI_URL";
  public static final String LOOPBACK = "127.0.0.1";

  /** {@code host} and {@code port} as given, the token and Temporal UI address from {@code env}. */
  public static ConsoleOptions of(String host, int port, Map<String, String> env) {
    String ui = blankToNull(env.get(TEMPORAL_UI_ENV));
    String workflows =
        ui == null
            ? null
            : ui.replaceAll("/+$", "")
                + "/namespaces/"
                + env.getOrDefault("TEMPORAL_NAMESPACE", "default")
                + "/workflows/";
    return new ConsoleOptions(host, port, blankToNull(env.get(TOKEN_ENV)), workflows).validate();
  }

  /** Refuses a non-loopback address without a token, and a port out of range. */
  public ConsoleOptions validate() {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("console port " + port + " is not a TCP port (0-65535)");
    }
    if (!loopback() && token == null) {
      throw new IllegalArgumentException(
          "the console would bind "
              + host
              + ", beyond loopback: set "
              + TOKEN_ENV
              + " to a shared secret (browsers open the console once with ?token=<it>)");
    }
    return this;
  }

  /** True when only this machine can reach {@link #host()}. */
  public boolean loopback() {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("console host " + host + " is not a known address");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
