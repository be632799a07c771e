package dev.apiplatform.server.identity.password;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so
 * the parameters travel with each hash and can be raised later without breaking old ones.
 *
 * <p>Parameters are OWASP's Argon2id baseline (19 MiB, 2 passes, 1 lane): about as costly as a
 * sign-in can afford on a small shared instance while still forcing memory-hard guessing.
 */
public final class PasswordHasher {

  public static final int MEMORY_KIB = 19_456;
  public static final int ITERATIONS = 2;
  public static final int PARALLELISM = 1;
  public static final int HASH_BYTES = 32;
  public static final int SALT_BYTES = 16;

  private static final Argon2Function CURRENT = Argon2Function.getInstance(
      MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID, Argon2Function.ARGON2_VERSION_13);

  private final String dummyHash;

  public PasswordHasher() {
    // hashed once per process: a fixed literal would need updating whenever parameters change,
    // and the dummy must cost exactly what a real stored hash costs
    this.dummyHash = hash("dummy password for accounts that do not exist");
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(CURRENT).getResult();
  }

  /**
   * True when {@code password} matches {@code phc}. The comparison is constant-time inside
   * password4j. A stored value that is not an Argon2 PHC string never matches.
   */
  public boolean verify(String password, String phc) {
    Argon2Function function = parse(phc);
    if (function == null || password == null) {
      return false;
    }
    return function.check(password, phc);
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
    Argon2Function function = parse(phc);
    return function == null || !function.equals(CURRENT) || saltBytes(phc) < SALT_BYTES;
  }

  private static Argon2Function parse(String phc) {
    if (phc == null || !phc.startsWith("$argon2")) {
      return null;
    }
    try {
      return Argon2Function.getInstanceFromHash(phc);
    } catch (RuntimeException e) {
      return null; // malformed PHC string: treated as "does not match" by callers
    }
  }

  private static int saltBytes(String phc) {
    String[] parts = phc.split("\\$");
    // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]; salt is unpadded base64
    return parts.length == 6 ? parts[4].length() * 3 / 4 : 0;
  }
}
