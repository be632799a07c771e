package dev.apiplatform.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.identity.CodeHasher;
import dev.apiplatform.server.strava.TokenCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev keys of the token cipher and the code hasher come from one mechanism, and a DATA_DIR
 * written before it (the key files and values below were made by the previous, separate loaders
 * of TokenCipher and CodeHasher) keeps working: its Strava tokens still decrypt, its OAuth state
 * signatures and stored code hashes still match.
 */
class DevKeyFileTest {

  static final String OLD_TOKEN_KEY = "PWMF43AU9xYnRbwpV19UnCvvvL+iY8T8lmmjL+h8rgw=";
  static final String OLD_SEALED = "v1.1F0KzBl_QeqszfP99hCyciHzgRmoogN4sbmIEJIk6RQIZ4HqPS5FNdGRnp0ZWIsQbA";
  static final String OLD_SIGNATURE = "lIQ5pK56w_YN24cI8e20ZDq9gI6N1E5TqHCwUl0WM_c";
  static final String OLD_CODE_KEY = "Ug51t0fisRS3DbbK7iIwB9r1N6Nj/e4+peSl2nbfH3k=";
  static final String OLD_CODE_HASH = "O20pggQAZAgMqVz_r7NKFbhBDFV8yrsEz2knP1DwJTM";

  @TempDir Path dataDir;

  @Test
  void aDevDataDirFromBefore_keepsDecryptingItsTokens_andMatchingItsCodes() throws Exception {
    Files.createDirectories(dataDir.resolve("keys"));
    Files.writeString(dataDir.resolve("keys/token-encryption.key"), OLD_TOKEN_KEY);
    Files.writeString(dataDir.resolve("keys/code-hash.key"), OLD_CODE_KEY);

    TokenCipher cipher = TokenCipher.load(Stage.DEV, dataDir, Optional.empty());
    assertThat(cipher.decrypt(OLD_SEALED, "user-before", "refresh")).isEqualTo("strava-refresh-before");
    assertThat(cipher.sign("state-material")).isEqualTo(OLD_SIGNATURE);
    CodeHasher hasher = CodeHasher.load(Stage.DEV, dataDir, Optional.empty());
    assertThat(hasher.hash("signup", "a@example.com", "session-1", "123456")).isEqualTo(OLD_CODE_HASH);
    // the files are read, never replaced
    assertThat(Files.readString(dataDir.resolve("keys/token-encryption.key"))).isEqualTo(OLD_TOKEN_KEY);
    assertThat(Files.readString(dataDir.resolve("keys/code-hash.key"))).isEqualTo(OLD_CODE_KEY);
  }

  @Test
  void devWithoutAKey_generatesOneOwnerOnlyFile_thatTheNextStartReadsBack() throws Exception {
    TokenCipher first = TokenCipher.load(Stage.DEV, dataDir, Optional.empty());
    String sealed = first.encrypt("access", "u1", "access");
    Path file = dataDir.resolve("keys/token-encryption.key");
    assertThat(Base64.getDecoder().decode(Files.readString(file))).hasSize(32);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    TokenCipher restarted = TokenCipher.load(Stage.DEV, dataDir, Optional.empty());
    assertThat(restarted.decrypt(sealed, "u1", "access")).isEqualTo("access");
    // the code hasher's key is a file of its own, not the token key
    CodeHasher.load(Stage.DEV, dataDir, Optional.empty());
    assertThat(Files.readString(dataDir.resolve("keys/code-hash.key"))).isNotEqualTo(Files.readString(file));
  }

  @Test
  void aGivenKeyWins_andProdRequiresIt_namingTheVariable() throws Exception {
    byte[] key = DevKeyFile.load(Stage.PROD, dataDir, Optional.of(" " + OLD_CODE_KEY + "\n"), "CODE_HASH_KEY",
        "code-hash.key", 32);
    assertThat(key).isEqualTo(Base64.getDecoder().decode(OLD_CODE_KEY));
    assertThat(dataDir.resolve("keys")).doesNotExist();

    assertThatThrownBy(() -> TokenCipher.load(Stage.PROD, dataDir, Optional.empty()))
        .isInstanceOf(ConfigException.class).hasMessage("TOKEN_ENCRYPTION_KEY is required when STAGE=prod");
    assertThatThrownBy(() -> CodeHasher.load(Stage.DEV, dataDir, Optional.of("not base64!")))
        .isInstanceOf(ConfigException.class).hasMessage("CODE_HASH_KEY must be base64");
    assertThatThrownBy(() -> TokenCipher.load(Stage.DEV, dataDir, Optional.of(Base64.getEncoder().encodeToString(new byte[16]))))
        .isInstanceOf(ConfigException.class).hasMessage("TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes");
  }
}
