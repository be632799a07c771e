package dev.apiplatform.server.identity.password;

/**
 * Why a password was refused, in the {@code message} / {@code reason} shape of seed 001's 400
 * bodies. Never contains the password.
 */
public record PolicyViolation(String message, String reason) {
}
