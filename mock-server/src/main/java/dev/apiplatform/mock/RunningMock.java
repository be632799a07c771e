package dev.apiplatform.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.util.List;

/** A started contract mock. {@link #close()} (or {@link #stop()}) shuts it down. */
public final class RunningMock implements AutoCloseable {

  private final WireMockServer server;
  private final ContractMock mock;
  private final MockOptions options;
  private final Dispatcher dispatcher;

  private RunningMock(WireMockServer server, ContractMock mock, MockOptions options, Dispatcher dispatcher) {
    this.server = server;
    this.mock = mock;
    this.options = options;
    this.dispatcher = dispatcher;
  }

  static RunningMock start(ContractMock mock, MockOptions options) {
    RequestValidation validation = options.validate()
        ? new RequestValidation(mock) : null;
    StatefulCollections collections = options.stateful()
        ? new StatefulCollections(CollectionInference.infer(mock)) : null;
    Dispatcher dispatcher = new Dispatcher(mock, options, validation, collections);
    WireMockServer server = new WireMockServer(WireMockConfiguration.options()
        .bindAddress(options.host())
        .port(options.port())
        .http2PlainDisabled(true)
        .http2TlsDisabled(true)
        .templatingEnabled(false)
        .gzipDisabled(true)
        .stubCorsEnabled(false)
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
        // the mock keeps its own lighter journal (/__mock/requests)
        .disableRequestJournal()
        .notifier(new ConsoleNotifier(false))
        .extensions(new ContractResponseTransformer(dispatcher)));
    server.start();
    try {
      server.addStubMapping(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(200)).build());
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return new RunningMock(server, mock, options, dispatcher);
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return server.port();
  }

  /** {@code http://<host>:<port>} (no trailing slash); {@code localhost} when bound to all interfaces. */
  public URI baseUri() {
    String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "localhost"
        : options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** The operations this server answers. */
  public ContractMock mock() {
    return mock;
  }

  public MockOptions options() {
    return options;
  }

  /** The requests answered so far, oldest first (what {@code GET /__mock/requests} returns). */
  public List<Journal.Entry> requests() {
    return dispatcher.journal().entries();
  }

  /** Forgets stored items and the journal, as {@code POST /__mock/reset} does. */
  public void reset() {
    dispatcher.reset();
  }

  /** What {@code --stateful} inferred ({@code path: id ...; create ..., get ...}); empty when stateless. */
  public List<String> collections() {
    StatefulCollections c = dispatcher.collections();
    return c == null ? List.of() : c.collections().stream().map(CollectionInference.Collection::describe).toList();
  }

  /** The underlying WireMock server. */
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
