package dev.apiplatform.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Entry point of the platform SDK: builds a generated {@link ApiClient} with safe defaults.
 *
 * <ul>
 *   <li><b>HTTP/1.1.</b> {@code java.net.http} defaults to HTTP/2 and, over plain {@code http://},
 *       sends {@code Upgrade: h2c}; the platform's Grizzly server then never sees the end of a
 *       request body and POSTs hang (~30 s, then 500). Every client made here speaks HTTP/1.1.</li>
 *   <li><b>Timeouts.</b> Connect {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s, per-request
 *       (read) {@value #DEFAULT_READ_TIMEOUT_SECONDS} s, instead of waiting forever.</li>
 *   <li><b>Bearer token</b> (optional) via {@link #withBearerToken(ApiClient, String)} or
 *       {@link #withBearerToken(ApiClient, Supplier)}.</li>
 *   <li><b>The contract as text</b>: {@link #fetchContract(ApiClient)}. The generated
 *       {@code SystemApi.systemGetContract()} JSON-decodes the {@code application/yaml} body
 *       and fails (OpenAPI Generator 7.25.0, {@code native}).</li>
 * </ul>
 *
 * <pre>{@code
 * ApiClient client = PlatformClient.create(URI.create("http://localhost:8080"));
 * PlatformClient.withBearerToken(client, accessToken);      // optional, before creating the APIs
 * Liveness alive = new SystemApi(client).systemGetLiveness();
 * }</pre>
 *
 * <p>Configure the {@link ApiClient} completely <em>before</em> creating the {@code *Api}
 * objects: each {@code *Api} copies the client's settings (HTTP client, interceptor, timeout)
 * when it is constructed.</p>
 */
public final class PlatformClient {

  public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;
  public static final long DEFAULT_READ_TIMEOUT_SECONDS = 30;

  private PlatformClient() {
  }

  /** HTTP/1.1 client with the default timeouts, no credentials. */
  public static ApiClient create(URI baseUri) {
    return create(baseUri, Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS),
        Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS));
  }

  /** HTTP/1.1 client with the default timeouts that sends {@code Authorization: Bearer <token>}. */
  public static ApiClient create(URI baseUri, String bearerToken) {
    return withBearerToken(create(baseUri), bearerToken);
  }

  /**
   * HTTP/1.1 client with explicit timeouts.
   *
   * @param baseUri        where the API is served, e.g. {@code http://localhost:8080}; a
   *                       trailing slash is ignored
   * @param connectTimeout TCP connect timeout (null: none)
   * @param readTimeout    per-request timeout until the response headers arrive (null: none)
   */
  public static ApiClient create(URI baseUri, Duration connectTimeout, Duration readTimeout) {
    Objects.requireNonNull(baseUri, "baseUri");
    if (!baseUri.isAbsolute() || baseUri.getHost() == null) {
      throw new IllegalArgumentException("baseUri must be absolute, like http://host:port: " + baseUri);
    }
    HttpClient.Builder http = http11ClientBuilder();
    ApiClient client = new ApiClient(http, ApiClient.createDefaultObjectMapper(), stripTrailingSlashes(baseUri));
    if (connectTimeout != null) {
      client.setConnectTimeout(connectTimeout); // also applies it to the builder
    }
    client.setReadTimeout(readTimeout);
    return client;
  }

  /**
   * The HTTP client builder used by {@link #create}: HTTP/1.1, redirects never followed.
   * Use it when building an {@link ApiClient} yourself
   * ({@code new ApiClient(PlatformClient.http11ClientBuilder(), mapper, baseUri)}).
   */
  public static HttpClient.Builder http11ClientBuilder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  /**
   * Adds {@code Authorization: Bearer <token>} to every request, keeping any interceptor
   * already set. Call before creating the {@code *Api} objects.
   */
  public static ApiClient withBearerToken(ApiClient client, String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    return withBearerToken(client, () -> token);
  }

  /**
   * Like {@link #withBearerToken(ApiClient, String)}, but asks the supplier for the token on
   * every request (refreshing tokens). A null or blank token sends no Authorization header.
   */
  public static ApiClient withBearerToken(ApiClient client, Supplier<String> tokenSupplier) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tokenSupplier, "tokenSupplier");
    Consumer<HttpRequest.Builder> previous = client.getRequestInterceptor();
    client.setRequestInterceptor(request -> {
      if (previous != null) {
        previous.accept(request);
      }
      String token = tokenSupplier.get();
      if (token != null && !token.isBlank()) {
        request.setHeader("Authorization", "Bearer " + token);
      }
    });
    return client;
  }

  /**
   * {@code GET /openapi.yaml} (operation {@code system_getContract}) returning the YAML text.
   * Use this instead of {@code SystemApi.systemGetContract()}, which tries to parse the YAML
   * body as JSON. Honours the client's HTTP client, read timeout and request interceptor.
   */
  public static String fetchContract(ApiClient client) throws ApiException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.getBaseUri() + "/openapi.yaml"))
        .header("Accept", "application/yaml")
        .GET();
    if (client.getReadTimeout() != null) {
      request.timeout(client.getReadTimeout());
    }
    if (client.getRequestInterceptor() != null) {
      client.getRequestInterceptor().accept(request);
    }
    try {
      HttpResponse<String> response = client.getHttpClient()
          .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        throw new ApiException(response.statusCode(),
            "system_getContract call failed with: " + response.statusCode() + " - " + response.body(),
            response.headers(), response.body());
      }
      return response.body();
    } catch (java.io.IOException e) {
      throw new ApiException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(e);
    }
  }

  private static String stripTrailingSlashes(URI baseUri) {
    String s = baseUri.toString();
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }
}
