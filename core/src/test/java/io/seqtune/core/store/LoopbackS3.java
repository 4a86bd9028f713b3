package io.seqtune.core.store;

import io.seqtune.devstack.EmbeddedS3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An S3 server on 127.0.0.1 (free port, temporary directory) and a store on one bucket of it, for
 * the tests of one class: register it in a static {@code @RegisterExtension} field; it starts
 * before the class's {@code @BeforeAll} methods and is closed and deleted after its last test.
 */
public final class LoopbackS3 implements BeforeAllCallback, AfterAllCallback {
  private final String bucket;
  private Path directory;
  private EmbeddedS3Server server;
  private ObjectStore store;

  public LoopbackS3(String bucket) {
    this.bucket = bucket;
  }

  /** The bucket's store; valid from the class's {@code @BeforeAll} on. */
  public ObjectStore store() {
    return store;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    directory = Files.createTempDirectory("seqtune-s3-");
    server = EmbeddedS3Server.start(0, directory, "key", "secret-value");
    store =
        new ObjectStore(new StoreSettings(server.endpoint(), "key", "secret-value", bucket))
            .ensureBucket();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    store.close();
    server.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(LoopbackS3::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
