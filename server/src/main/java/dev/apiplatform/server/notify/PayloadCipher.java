package dev.apiplatform.server.notify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over queued notification bodies: a message holds a one-time code and an address,
 * and queue messages are readable by whoever may read the queue (SQS console, the DLQ, the
 * embedded H2 file). The key is derived from {@code CODE_HASH_KEY} ({@code CodeHasher.deriveKey}),
 * so it is managed exactly like that key (required in prod, generated under DATA_DIR in dev) and
 * the server and the worker process share it. The queue's logical name is the associated data,
 * so a body cannot be replayed onto another queue.
 */
public final class PayloadCipher {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;
  private final SecretKeySpec key;
  private final byte[] aad;

  public PayloadCipher(byte[] key, String context) {
    if (key.length != 32) throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    this.key = new SecretKeySpec(key, "AES");
    this.aad = context.getBytes(StandardCharsets.UTF_8);
  }

  public String seal(String plaintext) {
    try {
      byte[] nonce = new byte[NONCE];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** @throws IllegalArgumentException when the body was not sealed with this key and context */
  public String open(String sealed) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      if (all.length <= NONCE) throw new IllegalArgumentException("sealed body too short");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE));
      cipher.updateAAD(aad);
      return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException("sealed body does not authenticate (other key or context)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }
}
