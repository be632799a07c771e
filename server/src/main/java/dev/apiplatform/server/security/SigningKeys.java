package dev.apiplatform.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ES256 keys tokens are signed with. The first key signs; every key verifies and is
 * published, so a rotation is: put the new key first, keep the old one until the longest-lived
 * token it signed has expired, then drop it.
 */
public final class SigningKeys {

  static final String VARIABLE = "JWT_SIGNING_KEYS";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ECKey active;
  private final JWKSet publicSet;

  private SigningKeys(List<ECKey> keys) {
    this.active = keys.get(0);
    this.publicSet = new JWKSet(keys.stream().<JWK>map(ECKey::toPublicJWK).toList());
  }

  /**
   * @param jwksJson the value of {@code JWT_SIGNING_KEYS}; when absent, dev keeps a generated key
   *     under {@code dataDir/keys} so tokens survive a restart, and prod refuses to start
   */
  public static SigningKeys load(Stage stage, Path dataDir, Optional<String> jwksJson) {
    if (jwksJson.isPresent()) return new SigningKeys(parse(jwksJson.get(), VARIABLE));
    if (stage == Stage.PROD) throw new ConfigException(VARIABLE + " is required when STAGE=prod");
    return new SigningKeys(devKeys(dataDir.resolve("keys").resolve("signing-jwks.json")));
  }

  /** Builds a key set from keys already in hand (tests, tools). */
  public static SigningKeys of(ECKey first, ECKey... more) {
    List<ECKey> keys = new ArrayList<>(List.of(first));
    keys.addAll(List.of(more));
    return new SigningKeys(validate(keys.stream().<JWK>map(k -> k).toList(), "the key set"));
  }

  /** A fresh P-256 signing key with a random kid. */
  public static ECKey generate() {
    byte[] kid = new byte[16];
    RANDOM.nextBytes(kid);
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyID(Base64.getUrlEncoder().withoutPadding().encodeToString(kid))
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  /** The key that signs new tokens (private). */
  public ECKey active() {
    return active;
  }

  /** Every key, public parts only: what {@code /.well-known/jwks.json} publishes. */
  public JWKSet publicSet() {
    return publicSet;
  }

  public Optional<ECKey> publicKey(String kid) {
    return kid == null ? Optional.empty() : Optional.ofNullable((ECKey) publicSet.getKeyByKeyId(kid));
  }

  @Override
  public String toString() {
    return "SigningKeys[kids=" + publicSet.getKeys().stream().map(JWK::getKeyID).toList() + "]";
  }

  // Messages name the source but never echo its content: it holds private keys.
  private static List<ECKey> parse(String json, String source) {
    JWKSet set;
    try {
      set = JWKSet.parse(json);
    } catch (ParseException | RuntimeException e) {
      throw new ConfigException(source + " is not a valid JWK Set (expected {\"keys\":[...]})");
    }
    return validate(set.getKeys(), source);
  }

  /**
   * Every key must be a P-256 key with a unique kid (the kid is how a verifier picks the key).
   * The first must be private since it signs; later ones may be public only, which is enough to
   * keep verifying tokens of a key being retired.
   */
  private static List<ECKey> validate(List<JWK> keys, String source) {
    if (keys.isEmpty()) throw new ConfigException(source + " must contain at least one EC P-256 private key");
    List<ECKey> result = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      JWK key = keys.get(i);
      String where = source + ": key #" + (i + 1);
      if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
        throw new ConfigException(where + " is not an EC P-256 key");
      }
      if (ec.getKeyID() == null || ec.getKeyID().isBlank()) throw new ConfigException(where + " has no kid");
      if (!kids.add(ec.getKeyID())) throw new ConfigException(where + " repeats kid " + ec.getKeyID());
      if (ec.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(ec.getAlgorithm())) {
        throw new ConfigException(where + " is declared for " + ec.getAlgorithm() + ", not ES256");
      }
      if (ec.getKeyUse() != null && !KeyUse.SIGNATURE.equals(ec.getKeyUse())) {
        throw new ConfigException(where + " is not a signing key (use=" + ec.getKeyUse().identifier() + ")");
      }
      if (i == 0 && !ec.isPrivate()) {
        throw new ConfigException(where + " signs, so it must be a private key (with \"d\")");
      }
      result.add(ec);
    }
    return List.copyOf(result);
  }

  private static List<ECKey> devKeys(Path file) {
    try {
      if (Files.exists(file)) return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      ECKey key = generate();
      writeOwnerOnly(file, new JWKSet(key).toString(false));
      return List.of(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the dev signing key " + file, e);
    }
  }

  /**
   * The key file is created owner-only from the start and moved into place whole, so no other
   * user can read it at any moment and a crash cannot leave a half-written key behind.
   */
  private static void writeOwnerOnly(Path file, String content) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path dir = file.getParent();
    Files.createDirectories(dir.getParent());
    // only keys/ is owner-only: the data dir itself is shared with the embedded stores
    try {
      if (posix) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException alreadyThere) {
      // an earlier run (or a concurrent start) made it
    }
    FileAttribute<?>[] ownerOnly = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(dir, ".signing-jwks", ".tmp", ownerOnly);
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
