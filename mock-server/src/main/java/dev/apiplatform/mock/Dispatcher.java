package dev.apiplatform.mock;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Answers one request, in the order the platform would: CORS preflight, routing (404/405),
 * bearer security (401), request validation (400/415/422 as documented), then the response:
 * stateful collections when on, else the documented example chosen by {@code Prefer}.
 * {@code /__mock/*} are the mock's own endpoints (journal, reset).
 */
final class Dispatcher {

  static final String REQUEST_ID = "X-Request-ID";
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final String CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
  private static final String CORS_HEADERS =
      "Authorization, Content-Type, Accept, If-Match, If-None-Match, Idempotency-Key, Prefer, X-Request-ID";
  private static final List<String> EXPOSED = List.of("X-Request-ID", "ETag", "Location",
      "Retry-After", "WWW-Authenticate", "Preference-Applied", "Allow");

  private final ContractMock mock;
  private final MockOptions options;
  private final BearerAuth auth;
  private final RequestValidation validation;
  private final ExampleResponses examples;
  private final StatefulCollections collections;
  private final Journal journal;
  private final boolean anyOrigin;

  Dispatcher(ContractMock mock, MockOptions options, RequestValidation validationOrNull,
      StatefulCollections collectionsOrNull) {
    this.mock = mock;
    this.options = options;
    this.auth = new BearerAuth(options.verifyWith());
    this.validation = validationOrNull;
    this.examples = new ExampleResponses(new DynamicData(mock.document()), options.seed());
    this.collections = collectionsOrNull;
    this.journal = new Journal(options.journalSize());
    this.anyOrigin = options.allowedOrigins().contains("*");
  }

  Journal journal() {
    return journal;
  }

  StatefulCollections collections() {
    return collections;
  }

  /** Forgets every stored item and the journal. */
  void reset() {
    journal.clear();
    if (collections != null) {
      collections.clear();
    }
  }

  MockResponse handle(MockRequest req) {
    String callerId = req.header(REQUEST_ID);
    String requestId = callerId != null && VALID_ID.matcher(callerId).matches()
        ? callerId : requestId();
    String origin = req.header("Origin");
    MockOperation op = null;
    MockResponse res;
    if (req.method().equals("OPTIONS") && origin != null
        && req.header("Access-Control-Request-Method") != null) {
      res = preflight(origin);
    } else if (req.path().startsWith("/__mock/")) {
      return finish(admin(req), requestId, origin);
    } else if (req.body() != null && req.body().length > options.maxBodyBytes()) {
      // before routing, as the platform's pre-matching BodySizeLimitFilter
      res = Problems.of(413, "/problems/payload-too-large", "Request body too large",
          "The request body exceeds " + options.maxBodyBytes() + " bytes", req.path());
    } else {
      Router.Match m = mock.router().match(req.method(), req.path());
      op = m.operation();
      if (op != null) {
        res = serve(op, m, req);
      } else if (m.methodNotAllowed() != null) {
        String allow = m.methodNotAllowed().allow();
        res = req.method().equals("OPTIONS") ? new MockResponse(204)
            : Problems.of(405, "/problems/method-not-allowed", "Method Not Allowed", req.method()
                + " is not documented for " + m.methodNotAllowed().template() + "; allowed: " + allow,
                req.path());
        res.header("Allow", allow);
      } else {
        res = Problems.of(404, "/problems/not-found", "Not Found",
            "No operation in the contract matches " + req.method() + " " + req.path(), req.path());
      }
    }
    finish(res, requestId, origin);
    journal.record(req, requestId, res.status(), op);
    return res;
  }

  private MockResponse serve(MockOperation op, Router.Match m, MockRequest req) {
    RequestValidation.Failure unsupported = validation == null ? null : RequestValidation.mediaType(op, req);
    if (unsupported != null) {
      return problem(unsupported, req);
    }
    if (op.bearer()) {
      BearerAuth.Refusal refusal = auth.check(req.header("Authorization"));
      if (refusal != null) {
        return Problems.of(401, "/problems/unauthorized", "Authentication required",
            refusal.missing() ? "This operation needs a bearer token (Authorization: Bearer <JWT>)"
                : "The access token is invalid: " + refusal.description(), req.path())
            .header("WWW-Authenticate", refusal.wwwAuthenticate());
      }
    }
    if (validation != null) {
      RequestValidation.Failure f = validation.check(op, m.pathParams(), req);
      if (f != null) {
        return problem(f, req);
      }
    }
    Prefer prefer = Prefer.of(req.headers().get("prefer"));
    if (collections != null && prefer.isEmpty()) {
      MockResponse stored = collections.handle(op, m.pathParams(), req);
      if (stored != null) {
        return stored;
      }
    }
    return examples.respond(op, req, prefer);
  }

  private static MockResponse problem(RequestValidation.Failure f, MockRequest req) {
    return f.mediaType()
        ? Problems.of(f.status(), "/problems/unsupported-media-type", "Unsupported Media Type",
            f.detail(), req.path(), f.errors())
        : Problems.of(f.status(), "/problems/validation", "Request validation failed", f.detail(),
            req.path(), f.errors());
  }

  private MockResponse preflight(String origin) {
    MockResponse r = new MockResponse(204);
    if (allowed(origin)) {
      r.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin)
          .header("Access-Control-Allow-Methods", CORS_METHODS)
          .header("Access-Control-Allow-Headers", CORS_HEADERS)
          .header("Access-Control-Max-Age", "600")
          .header("Vary", "Origin");
    }
    return r;
  }

  private MockResponse admin(MockRequest req) {
    String route = req.method() + " " + req.path();
    return switch (route) {
      case "GET /__mock/requests" -> MockResponse.json(200, "application/json", journal.toJson());
      case "DELETE /__mock/requests" -> {
        journal.clear();
        yield new MockResponse(204);
      }
      case "POST /__mock/reset" -> {
        reset();
        yield new MockResponse(204);
      }
      case "GET /__mock/collections" -> MockResponse.json(200, "application/json",
          collections == null ? "{\"collections\":[]}".getBytes() : collections.describeJson());
      default -> Problems.of(404, "/problems/not-found", "Not Found", "The mock's own endpoints are "
          + "GET /__mock/requests, DELETE /__mock/requests, POST /__mock/reset, GET /__mock/collections",
          req.path());
    };
  }

  /** X-Request-ID on every response; CORS headers as the platform's CorsFilter sets them. */
  private MockResponse finish(MockResponse res, String requestId, String origin) {
    res.header(REQUEST_ID, requestId);
    if (origin != null && allowed(origin) && res.header("Access-Control-Allow-Origin") == null) {
      res.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
      Set<String> expose = new LinkedHashSet<>(EXPOSED);
      for (MockResponse.Header h : res.headers()) {
        if (!h.name().equalsIgnoreCase("Content-Type") && !h.name().startsWith("Access-Control-")) {
          expose.add(h.name());
        }
      }
      res.header("Access-Control-Expose-Headers", String.join(", ", expose));
      if (!anyOrigin) {
        res.header("Vary", "Origin");
      }
    }
    return res;
  }

  /** A random (version 4) UUID; not a secret, so no SecureRandom on every request. */
  private static String requestId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L,
        (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }

  private boolean allowed(String origin) {
    return anyOrigin || options.allowedOrigins().contains(origin);
  }
}
