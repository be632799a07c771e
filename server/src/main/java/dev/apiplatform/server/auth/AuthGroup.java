package dev.apiplatform.server.auth;

import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;

/** Phone and email sign-in, refresh, logout, JWKS: the identity core's public face. */
public final class AuthGroup implements ResourceGroup {

  @Override
  public String tag() {
    return "auth";
  }

  @Override
  public Wiring wire(Services services) {
    Services.Identity id = services.identity();
    return Wiring.of(new AuthResource(id.phoneSignIn(), id.emailAccounts(), id.sessions(),
        new KeysDocument(id.tokens(), services.config().auth().jwtIssuer()), id.users()));
  }
}
