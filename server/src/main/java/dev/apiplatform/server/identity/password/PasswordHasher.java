package dev.apiplatform.server.identity.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so
 * the parameters travel with each hash and can be raised later without breaking old ones.
 *
 * <p>Parameters are OWASP's Argon2id baseline (19 MiB, 2 passes, 1 lane): about as costly as a
 * sign-in can afford on a small shared instance while still forcing memory-hard guessing.
 *
 * <p>Hashing is Bouncy Castle's {@link Argon2BytesGenerator}, one per call: its 19 MiB of block
 * memory is garbage when the call returns. (password4j, used before, kept one all-zero 19 MiB
 * block per parameter set for the life of the process: a quarter of the platform's idle heap.)
 * Hashes password4j wrote verify unchanged; {@code PasswordHasherTest} holds some as vectors.
 */
public final class PasswordHasher {

  /** What new hashes are made with; a stored hash made otherwise {@link #needsRehash needs a rehash}. */
  static final Argon2Phc.Settings CURRENT = new Argon2Phc.Settings(Argon2Parameters.ARGON2_id,
      Argon2Parameters.ARGON2_VERSION_13, 19_456, 2, 1, 32);
  static final int SALT_BYTES = 16;

  private final SecureRandom random = new SecureRandom();
  private final String dummyHash;

  public PasswordHasher() {
    // Not a hash of anything: current parameters, a random salt and random hash bytes. Verifying
    // against it costs exactly what verifying a real stored hash costs, it follows the parameters
    // when they change, and it costs no Argon2 run at start.
    this.dummyHash = new Argon2Phc(CURRENT, randomBytes(SALT_BYTES), randomBytes(CURRENT.hashBytes())).format();
  }

  public String hash(String password) {
    byte[] salt = randomBytes(SALT_BYTES);
    return new Argon2Phc(CURRENT, salt, argon2(CURRENT, salt, password)).format();
  }

  /**
   * True when {@code password} matches {@code phc}, compared in constant time. A stored value that
   * is not an Argon2 PHC string (or has parameters out of bounds) never matches.
   */
  public boolean verify(String password, String phc) {
    Argon2Phc stored = Argon2Phc.parse(phc);
    if (stored == null || password == null) {
      return false;
    }
    return MessageDigest.isEqual(argon2(stored.settings(), stored.salt(), password), stored.hash());
  }

  /**
   * Spends the time of one verification and returns false. Sign-in calls this when the account
   * does not exist, so "no such user" and "wrong password" take equally long and response time
   * does not reveal which addresses are registered.
   */
  public boolean verifyDummy(String password) {
    verify(password == null ? "" : password, dummyHash);
    return false;
  }

  /**
   * True when a stored hash was made with other parameters (or is unreadable); the caller
   * re-hashes with {@link #hash} after a successful sign-in, the one moment the clear password is
   * at hand.
   */
  public boolean needsRehash(String phc) {
    Argon2Phc stored = Argon2Phc.parse(phc);
    return stored == null || !stored.settings().equals(CURRENT) || stored.salt().length < SALT_BYTES;
  }

  /** The hash of {@code password} with {@code settings} and {@code salt}, {@code settings.hashBytes()} long. */
  private static byte[] argon2(Argon2Phc.Settings settings, byte[] salt, String password) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(settings.parameters(salt));
    byte[] out = new byte[settings.hashBytes()];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
