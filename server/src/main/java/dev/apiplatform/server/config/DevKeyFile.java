package dev.apiplatform.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * One way to get a server secret key: the variable's value (base64) when set; in {@code prod} the
 * variable is required; in {@code dev} a random key generated once and kept as base64 in
 * {@code DATA_DIR/keys/<file>} (owner-only), so what it protects survives a restart.
 */
public final class DevKeyFile {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Object LOCK = new Object(); // two groups of one start may load one file

  private DevKeyFile() {}

  /**
   * The key's bytes (their length is the caller's to check).
   *
   * @param variable the environment variable's name, for the error messages
   * @param fileName the file under {@code DATA_DIR/keys} that holds the dev key
   * @param length the length of a generated key in bytes
   */
  public static byte[] load(Stage stage, Path dataDir, Optional<String> base64Key, String variable,
      String fileName, int length) {
    if (base64Key.isPresent()) {
      try {
        return Base64.getDecoder().decode(base64Key.get().trim());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(variable + " must be base64");
      }
    }
    if (stage == Stage.PROD) throw new ConfigException(variable + " is required when STAGE=prod");
    Path file = dataDir.resolve("keys").resolve(fileName);
    try {
      synchronized (LOCK) {
        if (Files.exists(file)) return Base64.getDecoder().decode(Files.readString(file).trim());
        byte[] fresh = new byte[length];
        RANDOM.nextBytes(fresh);
        Files.createDirectories(file.getParent());
        // owner-only from its creation (no moment when the key is readable by others); on a file
        // system without POSIX permissions the data dir's own permissions apply
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
        return fresh;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }
}
