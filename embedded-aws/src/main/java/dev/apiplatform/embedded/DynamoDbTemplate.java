package dev.apiplatform.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A DynamoDB Local database that a new data directory starts from instead of an empty one (issue
 * 15: a first start spent ~0.9 s of CPU on 21 {@code CreateTable}s). Whoever builds it vouches that
 * it holds what the caller would otherwise create; this class only decides <em>whether</em> it may
 * be used and copies it so that no start ever sees half of it:
 * <ul>
 *   <li>only into an <strong>empty</strong> {@code dynamodb/} directory (a new {@code DATA_DIR}):
 *       a directory holding anything at all is left exactly as it is;</li>
 *   <li>through a temporary file beside {@code dynamodb/} (never inside it, so a copy killed
 *       half-way leaves {@code dynamodb/} empty), written, forced to disk, then hard-linked to
 *       its final name, which fails instead of replacing a database that appeared meanwhile.</li>
 * </ul>
 */
public final class DynamoDbTemplate {

  /** The file DynamoDB Local keeps its one database in with {@code -sharedDb}. */
  public static final String DATABASE_FILE = "shared-local-instance.db";

  /** The temporary copy, in the data directory (beside {@code dynamodb/}). */
  static final String TEMP_FILE = "dynamodb-template.tmp";

  /** Opens the template's bytes (a fresh stream per call). */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  private final String description;
  private final Source source;

  /**
   * @param description what the template holds, for the log (e.g. its fingerprint)
   * @param source the database file's bytes
   */
  public DynamoDbTemplate(String description, Source source) {
    this.description = Objects.requireNonNull(description, "description");
    this.source = Objects.requireNonNull(source, "source");
  }

  public String description() {
    return description;
  }

  /**
   * Copies the template to {@code dynamoDir/}{@value #DATABASE_FILE} if {@code dynamoDir} is
   * empty; does nothing otherwise.
   *
   * @param dataDir the data directory ({@code dynamoDir}'s parent: where the temporary copy goes)
   * @param dynamoDir DynamoDB Local's {@code -dbPath}, existing
   * @return whether the template was copied
   * @throws UncheckedIOException if the copy failed ({@code dynamoDir} is then still empty)
   */
  boolean seedIfEmpty(Path dataDir, Path dynamoDir) {
    if (!isEmpty(dynamoDir)) return false;
    Path temp = dataDir.resolve(TEMP_FILE);
    Path target = dynamoDir.resolve(DATABASE_FILE);
    try {
      // a leftover of a copy that was killed is replaced, never used
      try (InputStream in = source.open()) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      publish(temp, target);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the DynamoDB Local template (" + description + ") to " + target, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover temporary file is replaced by the next copy and never read as a database
      }
    }
  }

  /** The complete file appears under its name at once, and never replaces one that exists. */
  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
      // a file system without hard links: rename, which is atomic but would replace a file that
      // appeared since the emptiness check (only a second process on the same DATA_DIR, which the
      // stores do not support anyway: ElasticMQ's H2 file is locked)
      if (Files.exists(target)) throw new FileAlreadyExistsException(target.toString());
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException notAtomic) {
        throw new IOException("cannot move " + temp + " to " + target + " atomically", notAtomic);
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "DynamoDbTemplate[" + description + "]";
  }
}
