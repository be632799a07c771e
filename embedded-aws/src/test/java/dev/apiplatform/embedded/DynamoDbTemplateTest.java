package dev.apiplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a template may be copied into a data directory, and that no start sees half of one. */
class DynamoDbTemplateTest {

  private static final byte[] TEMPLATE = "SQLite format 3\0 the template's pages".getBytes(StandardCharsets.ISO_8859_1);

  @TempDir
  Path dataDir;
  Path dynamoDir;

  @BeforeEach
  void createDynamoDir() throws IOException {
    dynamoDir = Files.createDirectories(dataDir.resolve("dynamodb"));
  }

  private static DynamoDbTemplate template() {
    return new DynamoDbTemplate("test", () -> new ByteArrayInputStream(TEMPLATE));
  }

  private Path database() {
    return dynamoDir.resolve(DynamoDbTemplate.DATABASE_FILE);
  }

  @Test
  void anEmptyDirectoryGetsTheTemplateAndNoTemporaryFileStays() throws IOException {
    assertThat(template().seedIfEmpty(dataDir, dynamoDir)).isTrue();

    assertThat(Files.readAllBytes(database())).isEqualTo(TEMPLATE);
    assertThat(names(dynamoDir)).containsExactly(DynamoDbTemplate.DATABASE_FILE);
    assertThat(names(dataDir)).containsExactly("dynamodb");
  }

  @Test
  void anExistingDatabaseIsNeverOverwritten() throws IOException {
    byte[] existing = "the user's data".getBytes(StandardCharsets.UTF_8);
    Files.write(database(), existing);

    assertThat(template().seedIfEmpty(dataDir, dynamoDir)).isFalse();

    assertThat(Files.readAllBytes(database())).isEqualTo(existing);
  }

  @Test
  void aDirectoryHoldingAnythingElseIsLeftAsItIs() throws IOException {
    Files.writeString(dynamoDir.resolve("other-instance.db"), "x");

    assertThat(template().seedIfEmpty(dataDir, dynamoDir)).isFalse();

    assertThat(names(dynamoDir)).containsExactly("other-instance.db");
  }

  @Test
  void theLeftoverOfAKilledCopyIsReplacedNotUsed() throws IOException {
    // a copy killed half-way leaves its temporary file beside dynamodb/, never in it
    Files.writeString(dataDir.resolve(DynamoDbTemplate.TEMP_FILE), "half a data");

    assertThat(template().seedIfEmpty(dataDir, dynamoDir)).isTrue();

    assertThat(Files.readAllBytes(database())).isEqualTo(TEMPLATE);
    assertThat(names(dataDir)).containsExactly("dynamodb");
  }

  @Test
  void aCopyThatFailsHalfWayLeavesTheDirectoryEmpty() throws IOException {
    var failing = new DynamoDbTemplate("failing", () -> new InputStream() {
      private int sent;

      @Override
      public int read() throws IOException {
        if (sent++ < 8) return 'x';
        throw new IOException("disk went away");
      }
    });

    assertThatThrownBy(() -> failing.seedIfEmpty(dataDir, dynamoDir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("failing");

    assertThat(names(dynamoDir)).isEmpty();
    assertThat(names(dataDir)).containsExactly("dynamodb");
    // and the next start copies it whole
    assertThat(template().seedIfEmpty(dataDir, dynamoDir)).isTrue();
    assertThat(Files.readAllBytes(database())).isEqualTo(TEMPLATE);
  }

  @Test
  void aDatabaseThatAppearsDuringTheCopyIsNotReplaced() throws IOException {
    byte[] other = "written by someone else meanwhile".getBytes(StandardCharsets.UTF_8);
    var racing = new DynamoDbTemplate("racing", () -> {
      Files.write(database(), other);
      return new ByteArrayInputStream(TEMPLATE);
    });

    assertThatThrownBy(() -> racing.seedIfEmpty(dataDir, dynamoDir)).isInstanceOf(UncheckedIOException.class);

    assertThat(Files.readAllBytes(database())).isEqualTo(other);
    assertThat(names(dataDir)).containsExactly("dynamodb");
  }

  private static java.util.List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
