package dev.apiplatform.mock;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running the contract mock on a free port.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MockServerExtension mock = new MockServerExtension();           // the bundled contract
 * // or MockServerExtension.forSpec(Path.of("src/test/resources/x.yaml"))
 * ... HttpRequest.newBuilder(mock.baseUri().resolve("/health")) ...
 * }</pre>
 *
 * On a static field the server lives for the test class; on an instance field, for each
 * test.
 */
public final class MockServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Path spec;
  private RunningMock running;
  private boolean perClass;

  /** Mocks the bundled contract from the classpath. */
  public MockServerExtension() {
    this(null);
  }

  /** Mocks {@code specOrNull} (null: the bundled contract). */
  public MockServerExtension(Path specOrNull) {
    this.spec = specOrNull;
  }

  public static MockServerExtension forSpec(Path spec) {
    return new MockServerExtension(spec);
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
      running.server().resetRequests();
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
      running = ContractMock.start(0, spec);
    }
  }

  private synchronized void stop() {
    if (running != null) {
      running.stop();
      running = null;
    }
  }

  /** {@code http://localhost:<port>}; only while the mock runs. */
  public URI baseUri() {
    return running().baseUri();
  }

  public int port() {
    return running().port();
  }

  public RunningMock running() {
    if (running == null) {
      throw new IllegalStateException("The mock is not running (use it inside a test)");
    }
    return running;
  }
}
