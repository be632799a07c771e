package dev.apiplatform.server.identity;

import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.domain.DomainException;
import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemTable;
import dev.apiplatform.server.identity.CodeHasher;
import dev.apiplatform.server.identity.EmailAccounts;
import dev.apiplatform.server.identity.IdentitySettings;
import dev.apiplatform.server.identity.OneTimeCodes;
import dev.apiplatform.server.identity.PhoneSignIn;
import dev.apiplatform.server.identity.Sessions;
import dev.apiplatform.server.identity.password.PasswordHasher;
import dev.apiplatform.server.identity.password.PasswordPolicy;
import dev.apiplatform.server.identity.store.DynamoCodeStore;
import dev.apiplatform.server.identity.store.DynamoCounterStore;
import dev.apiplatform.server.identity.store.DynamoSessionStore;
import dev.apiplatform.server.identity.store.DynamoUserStore;
import dev.apiplatform.server.notify.Notifier;
import dev.apiplatform.server.security.CachedRevocations;
import dev.apiplatform.server.security.SigningKeys;
import dev.apiplatform.server.security.TokenService;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.StoreTables;
import dev.apiplatform.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The identity services wired by hand the way {@code Platform.start} wires them, on DynamoDB
 * Local in a temp dir, with one movable clock given to every store, every service and the
 * {@link TokenService}, a {@link RecordingNotifier} instead of SMS/email, and {@code echoCodes}
 * off (tests read codes from what was "sent", as a person would). The stores and tables come
 * from {@link StoreTables}. One per test class.
 */
final class IdentityServices implements AutoCloseable {

  /** The start of an hour, so hour-window send limits begin with a whole window. */
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  final StorageDefinitions definitions;
  final MutableClock clock = new MutableClock(T0); // shared by every store and service of the fixture
  final RecordingNotifier notifier = new RecordingNotifier();
  final IdentitySettings settings = IdentitySettings.defaults(false);
  final DynamoDbClient dynamo;
  final DynamoUserStore users;
  final DynamoSessionStore sessionStore;
  final DynamoCounterStore counters;
  final DynamoCodeStore codeStore;
  final CachedRevocations revocations;
  final TokenService tokens;
  final OneTimeCodes codes;
  final Sessions sessions;
  final EmailAccounts emailAccounts;
  final PhoneSignIn phoneSignIn;

  private final StoreTables tables;

  private IdentityServices(StoreTables tables) {
    this.tables = tables;
    this.definitions = tables.definitions;
    this.dynamo = tables.dynamo;

    // as Platform.start, except: the clock is ours everywhere (stores included, since they judge
    // TTL liveness by it) and the notifier records
    users = new DynamoUserStore(dynamo, definitions, clock);
    sessionStore = new DynamoSessionStore(dynamo, definitions, clock);
    counters = new DynamoCounterStore(dynamo, definitions, clock);
    codeStore = new DynamoCodeStore(dynamo, definitions, clock);
    revocations = new CachedRevocations(sessionStore::isRevoked);
    tokens = new TokenService(SigningKeys.of(SigningKeys.generate()), "http://localhost:8080", "mobile-platform",
        Duration.ofHours(1), clock, revocations);
    codes = new OneTimeCodes(codeStore, counters, CodeHasher.load(Stage.DEV, tables.dir(), Optional.empty()), settings, clock);
    sessions = new Sessions(sessionStore, users, tokens, revocations, settings, clock);
    emailAccounts = new EmailAccounts(users, codes, sessions, counters, new PasswordHasher(), new PasswordPolicy(),
        notifier, settings, clock);
    phoneSignIn = new PhoneSignIn(users, codes, sessions, notifier, settings, clock);
  }

  static IdentityServices start() {
    return new IdentityServices(StoreTables.start());
  }

  String table(String logicalName) {
    return definitions.tableName(logicalName);
  }

  @Override
  public void close() {
    tables.close();
  }

  /**
   * The answer {@link ProblemTable} gives to the refusal {@code call} throws; fails the test when
   * it throws nothing or something that is not a {@link DomainException}.
   */
  static ApiException refusal(ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    Assertions.assertThat(thrown).as("expected a DomainException").isInstanceOf(DomainException.class);
    return ProblemTable.map((DomainException) thrown);
  }

  // --- test data ---------------------------------------------------------------------------

  private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 5000));

  /** A valid US number not used before in this JVM (+1 415 555 xxxx). */
  static String newPhone() {
    return String.format("+1415555%04d", SEQ.incrementAndGet() % 10_000);
  }

  static String newEmail(String tag) {
    return tag + "." + SEQ.incrementAndGet() + "@example.com";
  }

  // --- the notifier ----------------------------------------------------------

  /** Keeps every message "sent"; tests read codes from it. */
  static final class RecordingNotifier implements Notifier {

    record Message(String to, String subject, String text) {}

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private final List<Message> sent = new ArrayList<>();

    @Override
    public synchronized void sendSms(String e164Phone, String text) {
      sent.add(new Message(e164Phone, null, text));
    }

    @Override
    public synchronized void sendEmail(String to, String subject, String text) {
      sent.add(new Message(to, subject, text));
    }

    synchronized List<Message> sentTo(String destination) {
      return sent.stream().filter(m -> m.to().equals(destination)).toList();
    }

    /** The code in the latest message to {@code destination}. */
    synchronized String lastCode(String destination) {
      List<Message> messages = sentTo(destination);
      if (messages.isEmpty()) throw new AssertionError("nothing was sent to " + destination);
      Matcher m = CODE.matcher(messages.get(messages.size() - 1).text());
      if (!m.find()) throw new AssertionError("no code in " + messages.get(messages.size() - 1));
      return m.group(1);
    }
  }
}
