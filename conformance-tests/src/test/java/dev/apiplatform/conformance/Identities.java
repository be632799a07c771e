package dev.apiplatform.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.identity.password.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test identities: phone numbers and addresses unique within the run (codes are limited per
 * destination: one per 60 s, five per hour), passwords that pass the policy, JSON bodies.
 */
final class Identities {

  /** Passes the policy: 8+ characters, all four classes, not common, no email name in it. */
  static final String PASSWORD = "Tr0ub4dour&3x-Kettle";
  static final String NEW_PASSWORD = "N3w-Harbour!Lantern9";

  static final ObjectMapper JSON = new ObjectMapper();

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> USED = ConcurrentHashMap.newKeySet();
  private static final String[] US_AREAS = {"415", "650", "212", "617", "312", "206", "303", "512", "617", "718"};

  private Identities() {}

  /** A fresh, valid US number in E.164 ({@code +1 NXX NXX XXXX}), as libphonenumber accepts it. */
  static String phone() {
    while (true) {
      int exchange = 200 + RANDOM.nextInt(800);
      if (exchange % 100 == 11 || exchange == 555) continue;
      String candidate = "+1" + US_AREAS[RANDOM.nextInt(US_AREAS.length)] + exchange
          + String.format("%04d", RANDOM.nextInt(10_000));
      if (PhoneNumbers.normalizeE164(candidate).filter(candidate::equals).isPresent() && USED.add(candidate)) {
        return candidate;
      }
    }
  }

  /** A fresh Indian mobile number, like seed 004's {@code PHONE="+91XXXXXXXXXX"}. */
  static String indianMobile() {
    while (true) {
      String candidate = "+919" + String.format("%09d", RANDOM.nextInt(1_000_000_000));
      if (PhoneNumbers.normalizeE164(candidate).filter(candidate::equals).isPresent() && USED.add(candidate)) {
        return candidate;
      }
    }
  }

  /** A fresh address; {@code app} makes the logs readable. */
  static String email(String app) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) hex.append(String.format("%02x", b));
    return app + "-" + hex + "@example.com";
  }

  /** A 6-digit code that is not {@code code}. */
  static String wrongCode(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1 + RANDOM.nextInt(999_998)) % 1_000_000);
  }

  /** A JSON object from alternating names and values (values may be strings, numbers, booleans). */
  static String body(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(ContractClient.Exchange exchange) {
    try {
      return JSON.readTree(exchange.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON (" + exchange.status() + "): " + exchange.body(), e);
    }
  }

  /** The claims of a JWT, read without verifying it (the server verified it when it mattered). */
  static JsonNode claims(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) throw new AssertionError("not a JWS compact serialization: " + jwt);
    try {
      return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("JWT payload is not JSON: " + jwt, e);
    }
  }

  /** One schema-valid body for every credential-free auth POST of both groups (all document 429). */
  static Map<String, String> validAuthPosts() {
    String email = email("any");
    Map<String, String> ops = new LinkedHashMap<>();
    ops.put("/auth/register", body("phoneNumber", phone()));
    ops.put("/auth/login", body("phoneNumber", phone()));
    ops.put("/auth/start", body("phone", phone()));
    ops.put("/auth/verify", body("phoneNumber", phone(), "code", "123456"));
    ops.put("/auth/refresh", body("refresh_token", "x"));
    ops.put("/auth/signup", body("email", email, "password", PASSWORD));
    ops.put("/auth/confirm-signup", body("email", email, "code", "123456"));
    ops.put("/auth/signin", body("email", email, "password", PASSWORD));
    ops.put("/auth/forgot-password", body("email", email));
    ops.put("/auth/confirm-forgot-password", body("email", email, "code", "123456", "newPassword", NEW_PASSWORD));
    ops.put("/api/v1/auth/register", body("email", email, "password", PASSWORD, "first_name", "A", "last_name", "B"));
    ops.put("/api/v1/auth/login", body("email", email, "password", PASSWORD));
    ops.put("/api/v1/auth/refresh", body("refresh_token", "x"));
    ops.put("/api/v1/auth/confirm-email", body("email", email, "code", "123456"));
    ops.put("/api/v1/auth/resend-confirmation", body("email", email));
    ops.put("/api/v1/auth/forgot-password", body("email", email));
    ops.put("/api/v1/auth/reset-password", body("email", email, "code", "123456", "new_password", NEW_PASSWORD));
    return ops;
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }
}
