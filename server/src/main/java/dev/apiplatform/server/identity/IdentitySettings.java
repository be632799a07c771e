package dev.apiplatform.server.identity;

import java.time.Duration;

/**
 * The identity rules that are configuration rather than code.
 *
 * @param echoCodes true only in the {@code dev} stage: codes go back in responses as
 *     {@code dev_code}/{@code dev_otp}; never in {@code prod}
 */
public record IdentitySettings(
    Duration smsCodeTtl,
    int maxCodeAttempts,
    Duration emailCodeTtl,
    Duration resetCodeTtl,
    Duration sessionLifetime,
    Duration refreshReuseGrace,
    Duration codeResendInterval,
    int codesPerHour,
    int signinFailuresBeforeLockout,
    boolean echoCodes) {

  public static IdentitySettings defaults(boolean echoCodes) {
    return new IdentitySettings(Duration.ofSeconds(300), 5, Duration.ofHours(24), Duration.ofMinutes(10),
        Duration.ofDays(30), Duration.ofSeconds(10), Duration.ofSeconds(60), 5, 5, echoCodes);
  }
}
