package dev.apiplatform.server.identity;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.DevKeyFile;
import dev.apiplatform.server.config.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Codes are stored only as HMAC-SHA256 under a server key, bound to purpose, destination and
 * session: a leaked Codes table cannot be brute-forced offline (10^6 codes) without the key, and a
 * code for one number or session never matches another.
 */
public final class CodeHasher {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key;

  CodeHasher(byte[] key) {
    if (key.length < 32) throw new ConfigException("CODE_HASH_KEY must decode to at least 32 bytes");
    this.key = key.clone();
  }

  /**
   * {@code CODE_HASH_KEY} (base64) when given; in {@code dev} otherwise a key generated once
   * under {@code DATA_DIR/keys}; in {@code prod} the variable is required.
   */
  public static CodeHasher load(Stage stage, Path dataDir, Optional<String> base64Key) {
    return new CodeHasher(DevKeyFile.load(stage, dataDir, base64Key, "CODE_HASH_KEY", "code-hash.key", 32));
  }

  /**
   * A 32-byte key for {@code purpose}, derived from this key (HMAC-SHA256 of the purpose): other
   * secrets of the code flows (the notification payload cipher) are managed with
   * {@code CODE_HASH_KEY} and never equal it.
   */
  public byte[] deriveKey(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(("derived-key\u0000" + purpose).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A fresh 6-digit code from the CSPRNG, uniformly distributed. */
  public static String newCode() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  public String hash(String purpose, String destination, String binding, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String material = purpose + '\u0000' + destination + '\u0000' + binding + '\u0000' + code;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(material.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Constant-time comparison, so response time says nothing about how much of a code matched. */
  public static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
