package dev.apiplatform.server.strava;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.DevKeyFile;
import dev.apiplatform.server.config.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Third-party tokens at rest: AES-256-GCM (the JDK's AEAD) with a fresh 96-bit nonce per value
 * and the owner and purpose as associated data, so a ciphertext copied onto another user (or
 * from the refresh into the access slot) does not decrypt. Stored as {@code v1.<base64url>}.
 * The same key also signs OAuth states (HMAC under a derived key, never the AEAD key itself).
 */
public final class TokenCipher {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "v1.";
  private final SecretKeySpec aead;
  private final byte[] signingKey;

  TokenCipher(byte[] key) {
    if (key.length != 32) throw new ConfigException("TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes");
    this.aead = new SecretKeySpec(key, "AES");
    this.signingKey = hmac(key, "oauth-state-signing".getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code TOKEN_ENCRYPTION_KEY} (base64 of 32 bytes) when given; in {@code dev} otherwise a key
   * generated once under {@code DATA_DIR/keys}; in {@code prod} the variable is required.
   */
  public static TokenCipher load(Stage stage, Path dataDir, Optional<String> base64Key) {
    return new TokenCipher(DevKeyFile.load(stage, dataDir, base64Key, "TOKEN_ENCRYPTION_KEY", "token-encryption.key", 32));
  }

  /** A random key for this process only: for a server without Strava, which stores no token. */
  static TokenCipher ephemeral() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return new TokenCipher(key);
  }

  public String encrypt(String plain, String owner, String purpose) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, aead, new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(owner, purpose));
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** @throws IllegalStateException the value was not sealed by this key for this owner and purpose */
  public String decrypt(String sealed, String owner, String purpose) {
    if (!sealed.startsWith(PREFIX)) throw new IllegalStateException("unknown token encoding");
    try {
      byte[] in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, aead, new GCMParameterSpec(128, in, 0, 12));
      c.updateAAD(aad(owner, purpose));
      return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("stored token does not decrypt (wrong key, owner or purpose)");
    }
  }

  /** HMAC-SHA256 under the derived signing key, base64url. */
  public String sign(String material) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(hmac(signingKey, material.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] aad(String owner, String purpose) {
    return (owner + '\u0000' + purpose).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
