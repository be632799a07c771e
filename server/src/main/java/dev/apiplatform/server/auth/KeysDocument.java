package dev.apiplatform.server.auth;

import dev.apiplatform.server.api.model.JwkDto;
import dev.apiplatform.server.api.model.JwkSetDto;
import dev.apiplatform.server.api.model.OpenIdConfigurationDto;
import dev.apiplatform.server.security.TokenService;
import java.util.List;
import java.util.Map;

/** The public key set and issuer metadata in the contract's shapes. */
public final class KeysDocument {

  private final TokenService tokens;
  private final String issuer;

  public KeysDocument(TokenService tokens, String issuer) {
    this.tokens = tokens;
    this.issuer = issuer.replaceAll("/+$", "");
  }

  @SuppressWarnings("unchecked")
  public JwkSetDto jwks() {
    List<Map<String, Object>> keys = (List<Map<String, Object>>) tokens.jwks().get("keys");
    return new JwkSetDto(keys.stream().map(KeysDocument::toJwk).toList());
  }

  public OpenIdConfigurationDto openIdConfiguration() {
    OpenIdConfigurationDto config = new OpenIdConfigurationDto(issuer, issuer + "/.well-known/jwks.json", List.of("ES256"));
    config.setSubjectTypesSupported(List.of("public"));
    config.setResponseTypesSupported(List.of("token"));
    config.setTokenEndpoint(issuer + "/auth/refresh");
    return config;
  }

  private static JwkDto toJwk(Map<String, Object> key) {
    JwkDto jwk = new JwkDto(String.valueOf(key.get("kty")), String.valueOf(key.get("kid")));
    if (key.get("crv") != null) jwk.setCrv(key.get("crv").toString());
    if (key.get("x") != null) jwk.setX(key.get("x").toString());
    if (key.get("y") != null) jwk.setY(key.get("y").toString());
    jwk.setUse(key.get("use") != null ? key.get("use").toString() : "sig");
    jwk.setAlg(key.get("alg") != null ? key.get("alg").toString() : "ES256");
    return jwk;
  }
}
