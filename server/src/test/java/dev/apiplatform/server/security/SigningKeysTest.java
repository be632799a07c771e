package dev.apiplatform.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir Path dataDir;

  private static String jwks(JWK... keys) {
    return new JWKSet(List.of(keys)).toString(false);
  }

  private static TokenService service(SigningKeys keys) {
    return new TokenService(keys, TokenServiceTest.ISSUER, TokenServiceTest.AUDIENCE, TokenServiceTest.TTL,
        Clock.systemUTC(), sessionId -> false);
  }

  @Test
  void dev_generatesAKeyOnceAndKeepsItAcrossRestarts() throws Exception {
    SigningKeys first = SigningKeys.load(Stage.DEV, dataDir, Optional.empty());
    String token = service(first).issue(TokenServiceTest.ALICE, "s1").accessToken();

    SigningKeys afterRestart = SigningKeys.load(Stage.DEV, dataDir, Optional.empty());
    assertThat(afterRestart.active().getKeyID()).isEqualTo(first.active().getKeyID()).hasSizeGreaterThanOrEqualTo(16);
    assertThat(afterRestart.active()).isEqualTo(first.active());
    assertThat(service(afterRestart).verifyAccessToken(token).userId()).isEqualTo("user-alice");
  }

  @Test
  void dev_writesTheKeyFileOwnerOnly() throws Exception {
    SigningKeys keys = SigningKeys.load(Stage.DEV, dataDir, Optional.empty());
    Path file = dataDir.resolve("keys/signing-jwks.json");
    assertThat(file).exists();
    assertThat(JWKSet.load(file.toFile()).getKeys()).containsExactly(keys.active());
    assertThat(keys.active().isPrivate()).isTrue();
    assertThat(keys.active().getCurve()).isEqualTo(Curve.P_256);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers).containsExactly(file);
    }
  }

  @Test
  void dev_twoDataDirsGetDifferentKeys() {
    SigningKeys a = SigningKeys.load(Stage.DEV, dataDir.resolve("a"), Optional.empty());
    SigningKeys b = SigningKeys.load(Stage.DEV, dataDir.resolve("b"), Optional.empty());
    assertThat(a.active().getKeyID()).isNotEqualTo(b.active().getKeyID());
  }

  @Test
  void dev_aCorruptKeyFileStopsTheStartNamingTheFile() throws Exception {
    Path file = dataDir.resolve("keys/signing-jwks.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> SigningKeys.load(Stage.DEV, dataDir, Optional.empty()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString());
  }

  @Test
  void prod_withoutKeysFailsNamingTheVariable() {
    assertThatThrownBy(() -> SigningKeys.load(Stage.PROD, dataDir, Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("JWT_SIGNING_KEYS is required when STAGE=prod");
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void configuredKeys_areUsedAsGivenAndNothingIsWritten() {
    ECKey key = SigningKeys.generate();
    SigningKeys keys = SigningKeys.load(Stage.DEV, dataDir, Optional.of(jwks(key)));
    assertThat(keys.active()).isEqualTo(key);
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void rotation_firstKeySigns_andTokensOfTheSecondStillVerify() throws Exception {
    ECKey next = SigningKeys.generate();
    ECKey previous = SigningKeys.generate();
    String oldToken = service(SigningKeys.load(Stage.PROD, dataDir, Optional.of(jwks(previous))))
        .issue(TokenServiceTest.ALICE, "s1").accessToken();

    TokenService rotated = service(SigningKeys.load(Stage.PROD, dataDir, Optional.of(jwks(next, previous))));
    String newToken = rotated.issue(TokenServiceTest.ALICE, "s2").accessToken();
    assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(next.getKeyID());
    assertThat(rotated.verifyAccessToken(newToken).sessionId()).isEqualTo("s2");
    assertThat(rotated.verifyAccessToken(oldToken).sessionId()).isEqualTo("s1");
  }

  @Test
  void rotation_aRetiringKeyMayBePublicOnly() {
    ECKey next = SigningKeys.generate();
    ECKey previous = SigningKeys.generate();
    SigningKeys keys = SigningKeys.load(Stage.PROD, dataDir, Optional.of(jwks(next, previous.toPublicJWK())));
    assertThat(keys.publicKey(previous.getKeyID())).isPresent();
  }

  @Test
  void publicSet_andPublicKey_neverExposePrivateParts() {
    ECKey a = SigningKeys.generate();
    ECKey b = SigningKeys.generate();
    SigningKeys keys = SigningKeys.of(a, b);
    assertThat(keys.publicSet().getKeys()).hasSize(2).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    assertThat(keys.publicSet().toString(false)).doesNotContain("\"d\"");
    assertThat(keys.publicKey(b.getKeyID())).hasValueSatisfying(k -> {
      assertThat(k.isPrivate()).isFalse();
      assertThat(k.getX()).isEqualTo(b.getX());
    });
    assertThat(keys.publicKey("unknown")).isEmpty();
    assertThat(keys.publicKey(null)).isEmpty();
    assertThat(keys.toString()).doesNotContain(a.getD().toString()).contains(a.getKeyID());
  }

  @Test
  void configuredKeys_mustBeP256WithKidAndAPrivateFirstKey() throws Exception {
    ECKey good = SigningKeys.generate();
    List<String> bad = List.of(
        "not json",
        "{\"keys\":[]}",
        jwks(new RSAKeyGenerator(2048).keyID("rsa").generate()),
        jwks(new ECKeyGenerator(Curve.P_384).keyID("p384").generate()),
        jwks(new ECKeyGenerator(Curve.P_256).generate()),
        jwks(good.toPublicJWK()),
        jwks(good, good),
        jwks(new ECKeyGenerator(Curve.P_256).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate()));
    for (String json : bad) {
      assertThatThrownBy(() -> SigningKeys.load(Stage.PROD, dataDir, Optional.of(json)))
          .as(json).isInstanceOf(ConfigException.class)
          .hasMessageContaining("JWT_SIGNING_KEYS")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(good.getD().toString()));
    }
  }

  @Test
  void generate_makesDistinctSigningKeys() {
    ECKey a = SigningKeys.generate();
    ECKey b = SigningKeys.generate();
    assertThat(Set.of(a.getKeyID(), b.getKeyID())).hasSize(2);
    assertThat(a.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
  }
}
