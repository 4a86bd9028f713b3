package io.seqtune.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {
  @RegisterExtension static final LoopbackS3 S3 = new LoopbackS3("test");
  static ObjectStore store;

  @BeforeAll
  static void start() {
    store = S3.store();
  }

  @Test
  void directoryRoundTripIsVerifiedAgainstItsManifest(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ckpt"));
    Files.writeString(dir.resolve("a.txt"), "alpha");
    Files.createDirectories(dir.resolve("sub"));
    Files.write(dir.resolve("sub/b.bin"), new byte[] {1, 2, 3});

    ArtifactManifest written = store.uploadDirectory("runs/r1/ckpt", dir, Map.of("step", 3));
    assertThat(written.files()).containsOnlyKeys("a.txt", "sub/b.bin");
    assertThat(store.list("runs/r1/ckpt/"))
        .containsExactly(
            "runs/r1/ckpt/a.txt", "runs/r1/ckpt/manifest.json", "runs/r1/ckpt/sub/b.bin");

    Path back = tmp.resolve("back");
    ArtifactManifest read = store.downloadDirectory("runs/r1/ckpt", back);
    assertThat(read.meta()).containsEntry("step", 3);
    assertThat(Files.readString(back.resolve("a.txt"))).isEqualTo("alpha");
    assertThat(Files.readAllBytes(back.resolve("sub/b.bin"))).containsExactly(1, 2, 3);
  }

  @Test
  void corruptOrIncompleteDirectoriesAreRefused(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Files.writeString(dir.resolve("w.txt"), "weights");
    store.uploadDirectory("runs/r2/ok", dir, Map.of());
    store.putBytes("runs/r2/ok/w.txt", "tampered".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.downloadDirectory("runs/r2/ok", tmp.resolve("x")))
        .isInstanceOf(CorruptArtifactException.class)
        .hasMessageContaining("w.txt")
        .hasMessageContaining("manifest says");

    store.putBytes("runs/r2/partial/w.txt", "half".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> store.downloadDirectory("runs/r2/partial", tmp.resolve("y")))
        .isInstanceOf(CorruptArtifactException.class)
        .hasMessageContaining("incomplete");
  }

  @Test
  void unreachableStoreNamesTheEndpoint() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ObjectStore dead =
        new ObjectStore(new StoreSettings("http://127.0.0.1:" + port, "k", "s", "bucket"))) {
      assertThatThrownBy(dead::ensureBucket)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("cannot reach the object store at http://127.0.0.1:" + port)
          .hasMessageContaining("S3_ENDPOINT");
    }
  }

  @Test
  void wrongSecretIsRejected() {
    try (ObjectStore wrong =
        new ObjectStore(
            new StoreSettings(store.settings().endpoint(), "key", "not-the-secret", "test"))) {
      assertThatThrownBy(() -> wrong.list(""))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("refused");
    }
  }

  @Test
  void settingsNeverPrintTheSecret() {
    assertThat(new StoreSettings("http://h:1", "ak", "very-secret", "b").toString())
        .doesNotContain("very-secret");
  }
}
