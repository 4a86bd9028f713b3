package io.seqtune.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The bucket that holds every large thing seqtune makes (datasets, checkpoints, reports, model
 * versions), through the MinIO client. Directories are stored file by file with an {@link
 * ArtifactManifest} written last, so a reader never sees half of one.
 */
public final class ObjectStore implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final StoreSettings settings;
  private final MinioClient client;

  public ObjectStore(StoreSettings settings) {
    this.settings = settings;
    this.client =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.accessKey(), settings.secretKey())
            .build();
  }

  public StoreSettings settings() {
    return settings;
  }

  /**
   * Creates the bucket if missing; the first call that reaches the server, so it names the endpoint
   * when it cannot.
   */
  public ObjectStore ensureBucket() {
    call(
        "check bucket " + settings.bucket(),
        () -> {
          if (!client.bucketExists(BucketExistsArgs.builder().bucket(settings.bucket()).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(settings.bucket()).build());
          }
          return null;
        });
    return this;
  }

  public void putBytes(String key, byte[] bytes) {
    call(
        "put " + key,
        () ->
            client.putObject(
                PutObjectArgs.builder().bucket(settings.bucket()).object(key).stream(
                        new ByteArrayInputStream(bytes), bytes.length, -1)
                    .build()));
  }

  public void putJson(String key, Object value) {
    putBytes(key, jsonBytes(value));
  }

  /** Pretty-printed JSON, the form every seqtune JSON artifact is stored in. */
  public static byte[] jsonBytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Reads a JSON file that came from the store (after its hash was checked). */
  public static <T> T readJson(Path file, Class<T> type) {
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new CorruptArtifactException(file + " is not valid JSON: " + e.getMessage());
    }
  }

  public static void writeJson(Path file, Object value) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, jsonBytes(value));
    } catch (IOException e) {
      throw new StoreException("cannot write " + file, e);
    }
  }

  public void putFile(String key, Path file) {
    call(
        "upload " + file + " to " + key,
        () ->
            client.uploadObject(
                UploadObjectArgs.builder()
                    .bucket(settings.bucket())
                    .object(key)
                    .filename(file.toString())
                    .build()));
  }

  public byte[] getBytes(String key) {
    return call(
        "get " + key,
        () -> {
          try (InputStream in =
              client.getObject(
                  GetObjectArgs.builder().bucket(settings.bucket()).object(key).build())) {
            return in.readAllBytes();
          }
        });
  }

  public <T> T getJson(String key, Class<T> type) {
    try {
      return JSON.readValue(getBytes(key), type);
    } catch (IOException e) {
      throw new CorruptArtifactException(uri(key) + " is not valid JSON: " + e.getMessage());
    }
  }

  public <T> Optional<T> findJson(String key, Class<T> type) {
    return exists(key) ? Optional.of(getJson(key, type)) : Optional.empty();
  }

  public void download(String key, Path file) {
    call(
        "download " + key,
        () -> {
          Files.createDirectories(file.toAbsolutePath().getParent());
          Files.deleteIfExists(file);
          client.downloadObject(
              DownloadObjectArgs.builder()
                  .bucket(settings.bucket())
                  .object(key)
                  .filename(file.toString())
                  .build());
          return null;
        });
  }

  public boolean exists(String key) {
    return call(
        "stat " + key,
        () -> {
          try {
            client.statObject(
                StatObjectArgs.builder().bucket(settings.bucket()).object(key).build());
            return true;
          } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())
                || "NoSuchObject".equals(e.errorResponse().code())) {
              return false;
            }
            throw e;
          }
        });
  }

  /** Every key under {@code prefix}, sorted. */
  public List<String> list(String prefix) {
    return listing(prefix, true, item -> true);
  }

  /**
   * The directories directly under {@code prefix} (each ending in {@code /}), sorted: one listing
   * call however many keys each holds.
   */
  public List<String> children(String prefix) {
    return listing(prefix, false, Item::isDir);
  }

  /**
   * The sorted names under {@code prefix} that {@code keep} accepts: every key when {@code
   * recursive}, else one level, deeper keys folded into their directories.
   */
  private List<String> listing(String prefix, boolean recursive, Predicate<Item> keep) {
    ListObjectsArgs.Builder args =
        ListObjectsArgs.builder().bucket(settings.bucket()).prefix(prefix);
    ListObjectsArgs request =
        recursive ? args.recursive(true).build() : args.delimiter("/").build();
    return call(
        "list " + prefix,
        () -> {
          List<String> names = new ArrayList<>();
          for (Result<Item> r : client.listObjects(request)) {
            Item item = r.get();
            if (keep.test(item)) {
              names.add(item.objectName());
            }
          }
          names.sort(null);
          return names;
        });
  }

  public void delete(String key) {
    call(
        "delete " + key,
        () -> {
          client.removeObject(
              RemoveObjectArgs.builder().bucket(settings.bucket()).object(key).build());
          return null;
        });
  }

  /**
   * Deletes a stored directory, its manifest first so that it turns incomplete before it turns
   * partial.
   */
  public void deleteDirectory(String prefix) {
    String dir = withSlash(prefix);
    delete(dir + ArtifactManifest.FILE_NAME);
    for (String key : list(dir)) {
      delete(key);
    }
  }

  /**
   * Uploads every regular file of {@code dir} under {@code prefix}, then the manifest. Returns it.
   * Re-uploading over an earlier partial attempt is safe: the manifest decides what is complete.
   */
  public ArtifactManifest uploadDirectory(String prefix, Path dir, Map<String, Object> meta) {
    String base = withSlash(prefix);
    Map<String, ArtifactManifest.FileEntry> entries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = dir.relativize(file).toString().replace('\\', '/');
        if (name.equals(ArtifactManifest.FILE_NAME)) {
          continue;
        }
        entries.put(name, new ArtifactManifest.FileEntry(Hashing.sha256(file), Files.size(file)));
        putFile(base + name, file);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read " + dir + " for upload", e);
    }
    ArtifactManifest manifest = ArtifactManifest.of(entries, meta);
    putJson(base + ArtifactManifest.FILE_NAME, manifest);
    return manifest;
  }

  /** The manifest of a complete stored directory, if there is one. */
  public Optional<ArtifactManifest> manifest(String prefix) {
    return findJson(withSlash(prefix) + ArtifactManifest.FILE_NAME, ArtifactManifest.class);
  }

  /**
   * Downloads a complete stored directory into {@code dir} and checks every file against the
   * manifest. Throws {@link CorruptArtifactException} when it is incomplete or corrupt.
   */
  public ArtifactManifest downloadDirectory(String prefix, Path dir) {
    String base = withSlash(prefix);
    ArtifactManifest manifest =
        manifest(prefix)
            .orElseThrow(
                () ->
                    new CorruptArtifactException(
                        uri(base) + " has no " + ArtifactManifest.FILE_NAME + " (incomplete)"));
    for (Map.Entry<String, ArtifactManifest.FileEntry> e : manifest.files().entrySet()) {
      Path target = dir.resolve(e.getKey());
      if (!exists(base + e.getKey())) {
        throw new CorruptArtifactException(uri(base + e.getKey()) + " is missing");
      }
      download(base + e.getKey(), target);
      String actual = Hashing.sha256(target);
      if (!actual.equals(e.getValue().sha256())) {
        throw new CorruptArtifactException(
            uri(base + e.getKey())
                + " has sha256 "
                + actual
                + " but its manifest says "
                + e.getValue().sha256());
      }
    }
    return manifest;
  }

  public String uri(String key) {
    return settings.uri(key);
  }

  static String withSlash(String prefix) {
    return prefix.endsWith("/") ? prefix : prefix + "/";
  }

  @FunctionalInterface
  private interface StoreCall<T> {
    T run() throws Exception;
  }

  /**
   * Runs one client call and turns its failure into a message that names the endpoint and the
   * operation.
   */
  private <T> T call(String what, StoreCall<T> body) {
    try {
      return body.run();
    } catch (StoreException e) {
      throw e;
    } catch (ConnectException | UnknownHostException | SocketTimeoutException e) {
      throw unreachable(what, e.getMessage(), e);
    } catch (ErrorResponseException e) {
      throw new StoreException(
          "object store "
              + settings.endpoint()
              + " refused to "
              + what
              + " in bucket "
              + settings.bucket()
              + ": "
              + e.errorResponse().code()
              + " "
              + e.errorResponse().message(),
          e);
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      if (root instanceof ConnectException || root instanceof UnknownHostException) {
        throw unreachable(what, root.getMessage(), e);
      }
      throw new StoreException(
          "object store " + settings.endpoint() + " failed to " + what + ": " + e, e);
    }
  }

  private StoreException unreachable(String what, String reason, Exception cause) {
    return new StoreException(
        "cannot reach the object store at "
            + settings.endpoint()
            + " (S3_ENDPOINT) to "
            + what
            + ": "
            + reason,
        cause);
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      // Closing only releases connection pools; nothing is lost if it fails.
    }
  }
}
