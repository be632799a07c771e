package dev.apiplatform.server.identity.password;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * One Argon2 hash in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash},
 * salt and hash in unpadded standard base64), the format password4j wrote and Bouncy Castle does
 * not: parsing and formatting are ours, the hashing is Bouncy Castle's.
 *
 * <p>Parameters read from a stored value are bounded, so a corrupted row cannot make a sign-in
 * allocate gigabytes or loop for minutes: a value out of bounds is not a hash ({@link #parse}
 * answers null and the caller treats it as "does not match").
 */
record Argon2Phc(Settings settings, byte[] salt, byte[] hash) {

  /** What a hash was made with, salt aside: the algorithm, its version, its cost and the hash's length. */
  record Settings(int type, int version, int memoryKib, int iterations, int parallelism, int hashBytes) {

    /** Bouncy Castle's parameters for hashing with these settings and {@code salt}. */
    Argon2Parameters parameters(byte[] salt) {
      return new Argon2Parameters.Builder(type).withVersion(version).withMemoryAsKB(memoryKib)
          .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build();
    }
  }

  static final int MAX_MEMORY_KIB = 1 << 18; // 256 MiB: above anything this platform configures
  static final int MAX_ITERATIONS = 64;
  static final int MAX_PARALLELISM = 16;

  private static final Pattern PHC = Pattern.compile(
      "\\$(argon2id|argon2i|argon2d)\\$v=(16|19)\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{6,512})");

  /** The stored value as a hash, or null when it is not an Argon2 PHC string within bounds. */
  static Argon2Phc parse(String phc) {
    if (phc == null) return null;
    Matcher m = PHC.matcher(phc);
    if (!m.matches()) return null;
    int memory = Integer.parseInt(m.group(3));
    int iterations = Integer.parseInt(m.group(4));
    int parallelism = Integer.parseInt(m.group(5));
    if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
        || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
      return null;
    }
    byte[] salt;
    byte[] hash;
    try {
      salt = Base64.getDecoder().decode(m.group(6));
      hash = Base64.getDecoder().decode(m.group(7));
    } catch (IllegalArgumentException notBase64) {
      return null; // e.g. a length that no unpadded base64 string has
    }
    if (salt.length < 8 || hash.length < 4) return null;
    return new Argon2Phc(new Settings(type(m.group(1)), m.group(2).equals("19") ? Argon2Parameters.ARGON2_VERSION_13
        : Argon2Parameters.ARGON2_VERSION_10, memory, iterations, parallelism, hash.length), salt, hash);
  }

  String format() {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$" + typeName() + "$v=" + settings.version() + "$m=" + settings.memoryKib() + ",t=" + settings.iterations()
        + ",p=" + settings.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  private static int type(String name) {
    return switch (name) {
      case "argon2id" -> Argon2Parameters.ARGON2_id;
      case "argon2i" -> Argon2Parameters.ARGON2_i;
      default -> Argon2Parameters.ARGON2_d;
    };
  }

  private String typeName() {
    return switch (settings.type()) {
      case Argon2Parameters.ARGON2_id -> "argon2id";
      case Argon2Parameters.ARGON2_i -> "argon2i";
      default -> "argon2d";
    };
  }
}
