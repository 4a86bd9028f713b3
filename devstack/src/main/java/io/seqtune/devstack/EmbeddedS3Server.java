package io.seqtune.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 API server on 127.0.0.1: S3Proxy with its filesystem backend, keeping objects as files
 * under a directory so they survive a restart. Requests must be signed (AWS v2 or v4) with the
 * configured key pair.
 */
public final class EmbeddedS3Server implements AutoCloseable {
  private final S3Proxy proxy;
  private final Path dataDir;

  private EmbeddedS3Server(S3Proxy proxy, Path dataDir) {
    this.proxy = proxy;
    this.dataDir = dataDir;
  }

  /**
   * Starts on {@code port} of 127.0.0.1 (0 picks a free one) serving buckets under {@code dataDir}.
   */
  public static EmbeddedS3Server start(int port, Path dataDir, String accessKey, String secretKey) {
    try {
      Files.createDirectories(dataDir);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()))
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
              .build();
      proxy.start();
      waitUntilStarted(proxy);
      return new EmbeddedS3Server(proxy, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare S3 data directory " + dataDir, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot start the S3 server on 127.0.0.1:"
              + port
              + " (is another one running there?): "
              + e.getMessage(),
          e);
    }
  }

  private static void waitUntilStarted(S3Proxy proxy) throws InterruptedException {
    for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
      Thread.sleep(25);
    }
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("S3 server did not start: state " + proxy.getState());
    }
  }

  public int port() {
    return proxy.getPort();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the S3 server on " + endpoint(), e);
    }
  }
}
