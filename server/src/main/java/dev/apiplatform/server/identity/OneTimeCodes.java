package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.RateLimited;
import dev.apiplatform.server.identity.store.CodeRecord;
import dev.apiplatform.server.identity.store.CodeStore;
import dev.apiplatform.server.identity.store.CounterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues and checks one-time codes: 6 digits from a CSPRNG, stored only as a keyed hash bound to
 * purpose, destination and (for {@code /auth/start}) session; single use; expiring; dead after
 * the attempt limit even if later correct; at most one per destination per interval and a few
 * per hour.
 */
public final class OneTimeCodes {

  public enum Purpose { SMS_SIGNIN, SMS_START, EMAIL_VERIFY, PASSWORD_RESET }

  /** A code that was just issued; the caller sends it, and echoes it only in {@code dev}. */
  public record Issued(String code, Duration ttl) {
    @Override
    public String toString() {
      return "Issued[code=******, ttl=" + ttl + "]";
    }
  }

  private static final Duration HOUR = Duration.ofHours(1);

  private final CodeStore codes;
  private final CounterStore counters;
  private final CodeHasher hasher;
  private final IdentitySettings settings;
  private final Clock clock;

  public OneTimeCodes(CodeStore codes, CounterStore counters, CodeHasher hasher, IdentitySettings settings, Clock clock) {
    this.codes = codes;
    this.counters = counters;
    this.hasher = hasher;
    this.settings = settings;
    this.clock = clock;
  }

  /** Issues a code after the send limits allow it; a new code replaces the previous one. */
  public Issued issue(Purpose purpose, String destination, Optional<String> binding, Duration ttl) {
    Instant now = clock.instant();
    // the cooldown is per destination AND purpose (a sign-up code does not hold back a reset code)
    // and ends when its code is used; the hourly cap below spans every purpose
    String sendKey = sendKey(purpose, destination);
    if (!counters.tryMarkEvent(sendKey, now, settings.codeResendInterval(), HOUR)) {
      long wait = counters.lastEvent(sendKey)
          .map(last -> settings.codeResendInterval().getSeconds() - Duration.between(last, now).getSeconds())
          .orElse(settings.codeResendInterval().getSeconds());
      throw new RateLimited(wait, "A code was sent to this destination moments ago");
    }
    long sentThisHour = counters.incrementWindow("sendh#" + destination, HOUR, now);
    if (sentThisHour > settings.codesPerHour()) {
      throw new RateLimited(HOUR.getSeconds() - now.getEpochSecond() % HOUR.getSeconds(),
          "Too many codes were sent to this destination this hour");
    }
    String code = CodeHasher.newCode();
    String bindingValue = binding.orElse("");
    codes.put(new CodeRecord(key(purpose, destination, bindingValue), purpose.name(), destination, binding,
        hasher.hash(purpose.name(), destination, bindingValue, code), 0, settings.maxCodeAttempts(),
        now, now.plus(ttl)));
    return new Issued(code, ttl);
  }

  /**
   * True exactly once for the right, unexpired code of this purpose, destination and binding.
   * A wrong guess counts an attempt; once the limit is reached the code is dead.
   */
  public boolean verify(Purpose purpose, String destination, Optional<String> binding, String code) {
    String bindingValue = binding.orElse("");
    String key = key(purpose, destination, bindingValue);
    Optional<CodeRecord> stored = codes.find(key);
    if (stored.isEmpty()) return false;
    CodeRecord record = stored.get();
    if (record.attempts() >= record.maxAttempts() || !record.expiresAt().isAfter(clock.instant())) {
      return false;
    }
    String presented = hasher.hash(purpose.name(), destination, bindingValue, code);
    if (!CodeHasher.same(presented, record.codeHash())) {
      codes.recordFailedAttempt(key);
      return false;
    }
    // conditional delete: of two concurrent verifies with the right code, one wins
    boolean consumed = codes.consume(key, presented);
    // the code the cooldown guarded is used: the next flow (verify, then log in) may get a code now
    if (consumed) counters.markEvent(sendKey(purpose, destination), Instant.EPOCH, Duration.ZERO);
    return consumed;
  }

  private static String sendKey(Purpose purpose, String destination) {
    return "send#" + purpose.name() + "#" + destination;
  }

  private static String key(Purpose purpose, String destination, String binding) {
    return purpose.name() + "#" + destination + (binding.isEmpty() ? "" : "#" + binding);
  }
}
