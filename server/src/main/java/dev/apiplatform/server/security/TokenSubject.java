package dev.apiplatform.server.security;

import java.util.Optional;
import java.util.Set;

/** Who a token is issued for: what the access token authorizes and the id token describes. */
public record TokenSubject(
    String userId,
    Optional<String> email,
    Optional<String> phoneNumber,
    boolean emailVerified,
    Set<String> roles,
    Set<String> permissions) {

  public TokenSubject {
    if (userId == null || userId.isBlank()) throw new IllegalArgumentException("userId is required");
    roles = Set.copyOf(roles);
    permissions = Set.copyOf(permissions);
  }
}
