package dev.apiplatform.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Accounts on the shared server that were created (and sent their first code) early in the run,
 * so that by the time a test needs to send them another code the per-destination interval
 * (one code per {@link Targets#CODE_RESEND_SECONDS} on the shared server) has passed. Created once, on first {@link #prepare()}; each account is
 * handed out once. The first taker may wait for the interval; later ones do not.
 */
final class Seasoned {

  /** A phone user created by seed 000's register + verify; {@code userId} is its token's {@code sub}. */
  record PhoneUser(String phone, String userId) {}

  record EmailUser(String email, String password, String userId) {}

  private static final Duration INTERVAL = Duration.ofSeconds(Targets.CODE_RESEND_SECONDS + 2);
  private static final int PHONES = 4;
  private static final int CONFIRMED = 4;
  private static final int UNCONFIRMED = 2;

  private static final Deque<PhoneUser> phones = new ArrayDeque<>();
  private static final Deque<EmailUser> confirmed = new ArrayDeque<>();
  private static final Deque<EmailUser> unconfirmed = new ArrayDeque<>();
  private static Instant readyAt;

  private Seasoned() {}

  static synchronized void prepare() {
    if (readyAt != null) return;
    ContractClient server = Targets.client(Targets.SERVER);
    for (int i = 0; i < PHONES; i++) {
      String phone = Identities.phone();
      ContractClient.Exchange sent = server.post("/auth/register", java.util.Map.of(),
          Identities.body("phoneNumber", phone));
      assertThat(sent.status()).as("register %s: %s", phone, sent.body()).isEqualTo(200);
      String code = Identities.json(sent).path("dev_code").asText();
      ContractClient.Exchange tokens = server.post("/auth/verify", java.util.Map.of(),
          Identities.body("phoneNumber", phone, "code", code));
      assertThat(tokens.status()).as("verify %s: %s", phone, tokens.body()).isEqualTo(200);
      String sub = Identities.claims(Identities.json(tokens).path("access_token").asText()).path("sub").asText();
      phones.add(new PhoneUser(phone, sub));
    }
    for (int i = 0; i < CONFIRMED + UNCONFIRMED; i++) {
      String email = Identities.email("seasoned");
      ContractClient.Exchange signedUp = server.post("/auth/signup", java.util.Map.of(),
          Identities.body("email", email, "password", Identities.PASSWORD));
      assertThat(signedUp.status()).as("signup %s: %s", email, signedUp.body()).isEqualTo(201);
      JsonNode body = Identities.json(signedUp);
      EmailUser user = new EmailUser(email, Identities.PASSWORD, body.path("userId").asText());
      if (i < CONFIRMED) {
        ContractClient.Exchange confirmedNow = server.post("/auth/confirm-signup", java.util.Map.of(),
            Identities.body("email", email, "code", body.path("dev_code").asText()));
        assertThat(confirmedNow.status()).as("confirm %s: %s", email, confirmedNow.body()).isEqualTo(200);
        confirmed.add(user);
      } else {
        unconfirmed.add(user);
      }
    }
    readyAt = Instant.now().plus(INTERVAL);
  }

  /** A phone user that may be sent a code now. */
  static PhoneUser phoneUser() {
    return take(phones, "phone users");
  }

  /** A confirmed email account that may be sent a code now. */
  static EmailUser confirmedEmailUser() {
    return take(confirmed, "confirmed email users");
  }

  /** An email account that never confirmed and may be sent a code now. */
  static EmailUser unconfirmedEmailUser() {
    return take(unconfirmed, "unconfirmed email users");
  }

  private static <T> T take(Deque<T> pool, String what) {
    Instant ready;
    T taken;
    synchronized (Seasoned.class) {
      prepare();
      ready = readyAt;
      taken = pool.poll();
    }
    if (taken == null) throw new IllegalStateException("no seasoned " + what + " left: raise the count in Seasoned");
    long wait = Duration.between(Instant.now(), ready).toMillis();
    if (wait > 0) {
      System.out.printf("[seasoned] waiting %d s for the per-destination code interval%n", wait / 1000);
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return taken;
  }
}
