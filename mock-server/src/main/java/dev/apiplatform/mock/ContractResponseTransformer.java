package dev.apiplatform.mock;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one WireMock extension of the mock: every request reaches the single catch-all stub and
 * is answered here by the {@link Dispatcher}. Routing in our own table rather than one WireMock
 * stub per operation and status keeps the cost per request flat as the contract grows.
 */
public final class ContractResponseTransformer implements ResponseTransformerV2 {

  public static final String NAME = "contract-mock";
  private final Dispatcher dispatcher;

  ContractResponseTransformer(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    MockResponse r = dispatcher.handle(toMockRequest(serveEvent.getRequest()));
    List<HttpHeader> headers = new ArrayList<>(r.headers().size());
    for (MockResponse.Header h : r.headers()) {
      headers.add(new HttpHeader(h.name(), h.value()));
    }
    return Response.Builder.like(response).but()
        .status(r.status())
        .headers(new HttpHeaders(headers))
        .body(r.body())
        .build();
  }

  static MockRequest toMockRequest(LoggedRequest req) {
    String url = req.getUrl();
    int q = url.indexOf('?');
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader h : req.getHeaders().all()) {
      headers.computeIfAbsent(h.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(h.values());
    }
    return new MockRequest(req.getMethod().getName(), q < 0 ? url : url.substring(0, q),
        q < 0 ? null : url.substring(q + 1), headers, req.getBody());
  }
}
