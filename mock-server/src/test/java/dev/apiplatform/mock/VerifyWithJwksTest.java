package dev.apiplatform.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --verify-with}: only tokens signed by a key of the JWKS pass (a stand-in platform serves it). */
class VerifyWithJwksTest {

  static WireMockServer platform;
  static ECKey key;

  @BeforeAll
  static void servePlatformJwks() throws Exception {
    key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    platform = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    platform.start();
    platform.stubFor(get("/.well-known/jwks.json").willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(new JWKSet(key.toPublicJWK()).toString())));
  }

  @AfterAll
  static void stop() {
    platform.stop();
  }

  static String signed(ECKey with) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(with.getKeyID())
        .type(JOSEObjectType.JWT).build(),
        new JWTClaimsSet.Builder().subject("user-1").expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
    jwt.sign(new ECDSASigner(with));
    return jwt.serialize();
  }

  @Test
  void onlyTokensSignedByTheJwksPass() throws Exception {
    URI jwks = URI.create("http://localhost:" + platform.port() + "/.well-known/jwks.json");
    try (RunningMock m = ContractMock.startWith(MockOptions.defaults().withPort(0)
        .withSpec(MockFeaturesTest.fixture()).withVerifyWith(jwks))) {
      URI pet = m.baseUri().resolve("/pets/rex");
      assertThat(Http.send("GET", pet, "Authorization", "Bearer " + signed(key)).statusCode()).isEqualTo(200);

      ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
      var foreign = Http.send("GET", pet, "Authorization", "Bearer " + signed(stranger));
      assertThat(foreign.statusCode()).isEqualTo(401);
      assertThat(foreign.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
      // well-formed but unsigned-by-anyone tokens pass only without --verify-with
      assertThat(Http.send("GET", pet, "Authorization", Tokens.bearer()).statusCode()).isEqualTo(401);
    }
  }
}
