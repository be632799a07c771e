package dev.apiplatform.mock;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running the contract mock on a free port, with every option of the
 * command line.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MockServerExtension mock = MockServerExtension.withOptions(
 *     MockOptions.defaults().withStateful(true).withSeed(42));   // or new MockServerExtension()
 * ... HttpRequest.newBuilder(mock.baseUri().resolve("/items")) ...
 * assertThat(mock.requests()).extracting(Journal.Entry::path).contains("/items");
 * }</pre>
 *
 * On a static field the server lives for the test class and each test starts with an empty
 * journal and empty collections ({@link #reset()}); on an instance field, a server per test.
 */
public final class MockServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final MockOptions options;
  private RunningMock running;
  private boolean perClass;

  /** Mocks the bundled contract from the classpath with the default options. */
  public MockServerExtension() {
    this(MockOptions.defaults().withPort(0));
  }

  /** Mocks {@code specOrNull} (null: the bundled contract) with the default options. */
  public MockServerExtension(Path specOrNull) {
    this(MockOptions.defaults().withPort(0).withSpec(specOrNull));
  }

  private MockServerExtension(MockOptions options) {
    this.options = options;
  }

  public static MockServerExtension forSpec(Path spec) {
    return new MockServerExtension(spec);
  }

  /** Any options; the port is whatever {@code options} says (use 0 in tests). */
  public static MockServerExtension withOptions(MockOptions options) {
    return new MockServerExtension(options);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    ensureStarted();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ensureStarted();
    if (perClass) {
      running.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private synchronized void ensureStarted() {
    if (running == null) {
      running = ContractMock.startWith(options);
    }
  }

  private synchronized void stop() {
    if (running != null) {
      running.stop();
      running = null;
    }
  }

  /** {@code http://127.0.0.1:<port>}; only while the mock runs. */
  public URI baseUri() {
    return running().baseUri();
  }

  public int port() {
    return running().port();
  }

  /** The requests the mock answered in this test, oldest first. */
  public List<Journal.Entry> requests() {
    return running().requests();
  }

  /** Forgets stored items and the journal. */
  public void reset() {
    running().reset();
  }

  /** The collections {@code withStateful(true)} inferred. */
  public List<String> collections() {
    return running().collections();
  }

  public RunningMock running() {
    if (running == null) {
      throw new IllegalStateException("The mock is not running (use it inside a test)");
    }
    return running;
  }
}
