package dev.apiplatform.server.security;

import java.security.Principal;
import java.util.Set;

/** The caller behind a verified access token, as resources see it. */
public record AuthenticatedUser(String userId, String sessionId, Set<String> roles, Set<String> permissions)
    implements Principal {

  /** Request property under which {@link AuthenticationFilter} stores the caller. */
  public static final String PROPERTY = AuthenticatedUser.class.getName();

  public AuthenticatedUser {
    roles = Set.copyOf(roles);
    permissions = Set.copyOf(permissions);
  }

  @Override
  public String getName() {
    return userId;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean hasPermission(String permission) {
    return permissions.contains(permission);
  }
}
