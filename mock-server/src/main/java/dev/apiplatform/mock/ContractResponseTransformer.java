package dev.apiplatform.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Global WireMock transformer for {@link ContractMock} stubs: sets {@code X-Request-ID}
 * (the caller's when well-formed, else a fresh UUID) and the CORS headers on every
 * response, and writes the bodies that depend on the request (404/405/400 problems,
 * status from {@code Prefer: code=} for range and default responses).
 */
public final class ContractResponseTransformer implements ResponseTransformerV2 {

  public static final String NAME = "contract-mock";
  static final String REQUEST_ID = "X-Request-ID";
  static final String KIND = "contractMock.kind";
  static final String PATH = "contractMock.path";
  static final String ALLOW = "contractMock.allow";
  static final String OPERATION = "contractMock.operation";
  static final String DOCUMENTED = "contractMock.documented";

  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern PREFER_CODE =
      Pattern.compile("(?i)(?:^|[\\s,;])code\\s*=\\s*\"?(\\d+)\"?");
  private static final String CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";
  private static final String CORS_HEADERS =
      "Authorization, Content-Type, Accept, Prefer, X-Request-ID, If-Match, If-None-Match";
  private static final Set<String> NOT_EXPOSED = Set.of("content-type", "content-length",
      "cache-control", "content-language", "expires", "last-modified", "pragma",
      "matched-stub-id", "matched-stub-name", "vary");
  private static final ObjectMapper JSON = new ObjectMapper();

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
    LoggedRequest req = serveEvent.getRequest();
    Parameters params = serveEvent.getTransformerParameters();
    String kind = params == null ? null : (String) params.get(KIND);
    String path = path(req.getUrl());
    String method = req.getMethod().getName();

    int status = response.getStatus();
    byte[] body = response.getBody();
    List<HttpHeader> headers = new ArrayList<>();
    for (HttpHeader h : response.getHeaders().all()) {
      String k = h.key().toLowerCase(Locale.ROOT);
      if (!k.equals("x-request-id") && !k.startsWith("access-control-")
          && !k.startsWith("matched-stub-")) {
        headers.add(h);
      }
    }

    Set<String> expose = new LinkedHashSet<>();
    expose.add(REQUEST_ID);
    for (HttpHeader h : headers) {
      if (!NOT_EXPOSED.contains(h.key().toLowerCase(Locale.ROOT))) {
        expose.add(h.key());
      }
    }

    if (kind != null) {
      switch (kind) {
        case "not-found" -> body = problem(404, "Not Found",
            "No operation in the contract matches " + method + " " + path, path);
        case "method-not-allowed" -> {
          if (method.equals("OPTIONS")) {
            status = 204;
            body = null;
            headers.removeIf(h -> h.keyEquals("Content-Type"));
          } else {
            body = problem(405, "Method Not Allowed", method + " is not documented for "
                + params.get(PATH) + "; allowed: " + params.get(ALLOW), path);
          }
        }
        case "prefer-undocumented" -> body = problem(400, "Bad Request",
            "Prefer: code=" + preferredCode(req) + " is not documented for "
                + params.get(OPERATION) + " (documented: " + params.get(DOCUMENTED) + ")", path);
        case "prefer-status" -> {
          Integer code = preferredCode(req);
          if (code != null && code >= 100 && code <= 599) {
            status = code;
            headers.add(new HttpHeader("Preference-Applied", "code=" + code));
            expose.add("Preference-Applied");
          }
        }
        case "preflight" -> {
          String requested = req.getHeader("Access-Control-Request-Headers");
          headers.add(new HttpHeader("Access-Control-Allow-Methods", CORS_METHODS));
          headers.add(new HttpHeader("Access-Control-Allow-Headers",
              requested == null || requested.isBlank() ? CORS_HEADERS : requested));
          headers.add(new HttpHeader("Access-Control-Max-Age", "600"));
        }
        default -> { }
      }
    }

    String callerId = req.getHeader(REQUEST_ID);
    String requestId = callerId != null && VALID_ID.matcher(callerId).matches()
        ? callerId : UUID.randomUUID().toString();
    headers.add(new HttpHeader(REQUEST_ID, requestId));
    headers.add(new HttpHeader("Access-Control-Allow-Origin", "*"));
    headers.add(new HttpHeader("Access-Control-Expose-Headers", String.join(", ", expose)));

    Response.Builder out = Response.Builder.like(response).but()
        .status(status)
        .headers(new HttpHeaders(headers));
    out.body(body == null ? new byte[0] : body);
    return out.build();
  }

  static Integer preferredCode(LoggedRequest req) {
    HttpHeader prefer = req.getHeaders().getHeader("Prefer");
    if (prefer == null || !prefer.isPresent()) {
      return null;
    }
    for (String value : prefer.values()) {
      Matcher m = PREFER_CODE.matcher(value);
      if (m.find()) {
        try {
          return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String path(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  private static byte[] problem(int status, String title, String detail, String instance) {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", "/problems/" + switch (status) {
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      default -> "mock-undocumented-status";
    });
    p.put("title", title);
    p.put("status", status);
    p.put("detail", detail);
    p.put("instance", instance);
    try {
      return JSON.writeValueAsBytes(p);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
