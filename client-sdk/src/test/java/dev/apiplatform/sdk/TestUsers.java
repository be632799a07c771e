package dev.apiplatform.sdk;

import dev.apiplatform.client.model.StartResponse;
import java.security.SecureRandom;

/** Fresh identities per test, and signed-in clients of the running platform. */
final class TestUsers {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String PASSWORD = "Correct-Horse-7-Battery";

  private TestUsers() {
  }

  /** A fresh Indian mobile number, like seed 004's {@code +91XXXXXXXXXX}. */
  static String phone() {
    return "+9198" + String.format("%08d", RANDOM.nextInt(100_000_000));
  }

  static String email(String app) {
    return app + "-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + "@example.com";
  }

  static String id(String prefix) {
    return prefix + "-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
  }

  static PlatformClient client() {
    return PlatformClient.builder(RunningPlatform.baseUri()).build();
  }

  /** A client signed in through seed 004's phone flow. */
  static PlatformClient signedInByPhone() throws Exception {
    PlatformClient c = client();
    StartResponse started = c.session().startPhoneSignIn(phone());
    c.session().verifyPhoneSignIn(started, started.getDevOtp());
    return c;
  }
}
