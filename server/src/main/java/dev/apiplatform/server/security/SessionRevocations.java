package dev.apiplatform.server.security;

/** Whether a session was ended (logout, refresh-token replay) before its tokens expire. */
@FunctionalInterface
public interface SessionRevocations {

  boolean isRevoked(String sessionId);
}
