package dev.apiplatform.mock;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;

/** A started contract mock. {@link #close()} (or {@link #stop()}) shuts it down. */
public final class RunningMock implements AutoCloseable {

  private final WireMockServer server;
  private final ContractMock mock;

  RunningMock(WireMockServer server, ContractMock mock) {
    this.server = server;
    this.mock = mock;
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return server.port();
  }

  /** {@code http://localhost:<port>} (no trailing slash). */
  public URI baseUri() {
    return URI.create("http://localhost:" + port());
  }

  /** The stubs and operations this server answers. */
  public ContractMock mock() {
    return mock;
  }

  /** The underlying WireMock server (request journal, extra stubs, ...). */
  public WireMockServer server() {
    return server;
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  public void stop() {
    if (server.isRunning()) {
      server.stop();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
