package dev.apiplatform.server.security;

import jakarta.ws.rs.core.SecurityContext;

/** How resources get the caller of a secured operation. */
public final class CurrentUser {

  private CurrentUser() {}

  /**
   * The caller {@link AuthenticationFilter} verified. Throwing (rather than returning null) keeps
   * an operation the contract forgot to secure from running as nobody.
   */
  public static AuthenticatedUser require(SecurityContext security) {
    if (security != null && security.getUserPrincipal() instanceof AuthenticatedUser user) return user;
    throw Unauthorized.missing();
  }
}
