package dev.apiplatform.server.security;

import dev.apiplatform.server.error.ProblemResponses;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.OperationResolver;
import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Locale;

/**
 * Requires a valid access token on every operation the contract secures with {@code bearerAuth};
 * the contract, not annotations on resources, decides. Post-matching, so the matched operation
 * is known. Operations outside the contract or with {@code security: []} pass untouched.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {

  private static final String SCHEME = "Bearer";

  private final TokenService tokens;

  public AuthenticationFilter(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Contract.Operation op = OperationResolver.of(request);
    if (op == null || !op.secured()) return;

    String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      abort(request, "This operation needs a bearer access token", Unauthorized.missingChallenge());
      return;
    }
    AuthenticatedUser user;
    try {
      user = tokens.verifyAccessToken(token);
    } catch (InvalidTokenException e) {
      abort(request, "The access token is not valid: " + e.reason(), Unauthorized.invalidChallenge(e.reason()));
      return;
    }
    request.setSecurityContext(new BearerSecurityContext(user, request.getSecurityContext().isSecure()));
    request.setProperty(AuthenticatedUser.PROPERTY, user);
  }

  /**
   * The token of an {@code Authorization: Bearer ...} header, "" for a Bearer header without
   * one, or null when there is no bearer credential at all (absent, or another scheme).
   */
  static String bearerToken(String authorization) {
    if (authorization == null) return null;
    String value = authorization.strip();
    if (value.length() < SCHEME.length()
        || !value.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    String rest = value.substring(SCHEME.length());
    if (!rest.isEmpty() && rest.charAt(0) != ' ') return null; // "Bearerish ..." is another scheme
    return rest.strip();
  }

  private void abort(ContainerRequestContext request, String detail, String challenge) {
    // the request's own UriInfo, not an injected proxy: this filter runs as a step of FilterChains.MatchedChain
    request.abortWith(ProblemResponses.builder(Unauthorized.problem(detail), request.getUriInfo())
        .header(Unauthorized.CHALLENGE_HEADER, challenge)
        .build());
  }

  private record BearerSecurityContext(AuthenticatedUser user, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return user;
    }

    @Override
    public boolean isUserInRole(String role) {
      return user.hasRole(role);
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return SCHEME;
    }
  }
}
