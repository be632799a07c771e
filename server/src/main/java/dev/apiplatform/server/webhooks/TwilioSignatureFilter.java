package dev.apiplatform.server.webhooks;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.OperationResolver;
import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature on {@code webhooks_sms}, checked before the resource runs:
 * base64(HMAC-SHA1(TWILIO_AUTH_TOKEN, url + every POST parameter sorted by name as name+value)).
 * The URL is the one the request arrived at (scheme, Host, path, query) or, behind a proxy,
 * {@code PUBLIC_BASE_URL} + path + query. The body is read here and put back for the resource.
 * No token configured means no request can be genuine: 403.
 */
@Priority(Priorities.AUTHENTICATION)
public final class TwilioSignatureFilter implements ContainerRequestFilter {

  static final String OPERATION = "webhooks_sms";

  private final Optional<String> authToken;
  private final Optional<URI> publicBaseUrl;

  public TwilioSignatureFilter(Optional<String> authToken, Optional<URI> publicBaseUrl) {
    this.authToken = authToken;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Contract.Operation op = OperationResolver.of(request);
    if (op == null || !OPERATION.equals(op.operationId())) return;
    byte[] body;
    try {
      body = request.getEntityStream().readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    request.setEntityStream(new ByteArrayInputStream(body));
    String given = request.getHeaderString("X-Twilio-Signature");
    if (authToken.isEmpty() || given == null
        || !MessageDigest.isEqual(sign(authToken.get(), url(request), form(body)).getBytes(StandardCharsets.US_ASCII),
            given.trim().getBytes(StandardCharsets.US_ASCII))) {
      throw new ApiException(ProblemType.FORBIDDEN, "Forbidden", "X-Twilio-Signature is missing or does not match");
    }
  }

  private String url(ContainerRequestContext request) {
    URI arrived = request.getUriInfo().getRequestUri();
    if (publicBaseUrl.isEmpty()) return arrived.toString();
    String base = publicBaseUrl.get().toString().replaceAll("/+$", "");
    return base + arrived.getRawPath() + (arrived.getRawQuery() == null ? "" : "?" + arrived.getRawQuery());
  }

  /** Twilio's algorithm; public so tests (and a client) sign exactly as the server checks. */
  public static String sign(String authToken, String url, List<Map.Entry<String, String>> params) {
    StringBuilder data = new StringBuilder(url);
    params.stream().sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
        .forEach(p -> data.append(p.getKey()).append(p.getValue()));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  static List<Map.Entry<String, String>> form(byte[] body) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isEmpty()) return out;
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException malformed) {
        throw new ApiException(ProblemType.MALFORMED_BODY, "Malformed request body", "the form encoding is invalid");
      }
    }
    return out;
  }
}
