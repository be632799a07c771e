package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiClient;
import dev.apiplatform.client.Configuration;
import dev.apiplatform.client.api.AccountApi;
import dev.apiplatform.client.api.AuthApi;
import dev.apiplatform.client.api.EchoesApi;
import dev.apiplatform.client.api.HealthDataApi;
import dev.apiplatform.client.api.HealthkitApi;
import dev.apiplatform.client.api.ItemsApi;
import dev.apiplatform.client.api.OffersApi;
import dev.apiplatform.client.api.ProfileApi;
import dev.apiplatform.client.api.SystemApi;
import dev.apiplatform.client.auth.HttpBearerAuth;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The SDK's entry point: one OkHttp client, one generated {@link ApiClient}, one {@link Session},
 * shared by every {@code *Api} it hands out. Thread-safe; make one per app and keep it.
 *
 * <pre>{@code
 * PlatformClient platform = PlatformClient.builder("https://api.example.com").build();
 * platform.session().signInWithEmail("ada@example.com", "Correct-Horse-9");
 * Item item = platform.items().get("demo").value();
 * }</pre>
 */
public final class PlatformClient {

  /** The contract's {@code info.version} this SDK was generated from. */
  public static final String VERSION = Configuration.VERSION;

  private final ApiClient apiClient;
  private final Session session;
  private final Items items;

  private PlatformClient(ApiClient apiClient, Session session) {
    this.apiClient = apiClient;
    this.session = session;
    this.items = new Items(new ItemsApi(apiClient));
  }

  public static Builder builder(String baseUri) {
    return new Builder(URI.create(baseUri));
  }

  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  public Session session() {
    return session;
  }

  /** The generated client underneath, for anything this layer does not wrap. */
  public ApiClient apiClient() {
    return apiClient;
  }

  public OkHttpClient httpClient() {
    return apiClient.getHttpClient();
  }

  public SystemApi system() {
    return new SystemApi(apiClient);
  }

  public AuthApi auth() {
    return new AuthApi(apiClient);
  }

  public AccountApi account() {
    return new AccountApi(apiClient);
  }

  /** Items with their ETags handled ({@link Items#update}); {@code items().api()} is the generated one. */
  public Items items() {
    return items;
  }

  public OffersApi offers() {
    return new OffersApi(apiClient);
  }

  public ProfileApi profile() {
    return new ProfileApi(apiClient);
  }

  public EchoesApi echoes() {
    return new EchoesApi(apiClient);
  }

  /** Clarity Loop health data: upload, poll processing, list with cursors, delete. */
  public HealthDataApi healthData() {
    return new HealthDataApi(apiClient);
  }

  /** HealthKit export uploads (seed 003 section 1.5): upload, poll, then the metrics are health data. */
  public HealthkitApi healthkit() {
    return new HealthkitApi(apiClient);
  }

  /** Options; every one has a default. */
  public static final class Builder {
    private final URI baseUri;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ZERO;
    private String userAgent;
    private TokenStore tokenStore = TokenStore.inMemory();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration refreshBefore = Duration.ofSeconds(60);
    private OkHttpClient base;
    private Supplier<String> requestIds = new Supplier<String>() {
      @Override
      public String get() {
        return UUID.randomUUID().toString();
      }
    };
    private Session.Clock clock = new Session.Clock() {
      @Override
      public long nowEpochSecond() {
        return System.currentTimeMillis() / 1000;
      }
    };

    private Builder(URI baseUri) {
      if (baseUri == null || !baseUri.isAbsolute() || baseUri.getHost() == null) {
        throw new IllegalArgumentException("baseUri must be absolute, like https://host[:port]: " + baseUri);
      }
      this.baseUri = baseUri;
    }

    public Builder connectTimeout(Duration d) {
      connectTimeout = d;
      return this;
    }

    /** Between bytes of the answer. */
    public Builder readTimeout(Duration d) {
      readTimeout = d;
      return this;
    }

    public Builder writeTimeout(Duration d) {
      writeTimeout = d;
      return this;
    }

    /** Whole call, retries included; zero (the default) means none. */
    public Builder callTimeout(Duration d) {
      callTimeout = d;
      return this;
    }

    /** Your app's name and version, e.g. {@code "Offers/2.3 (Android 14)"}; the SDK's follows it. */
    public Builder userAgent(String app) {
      userAgent = app;
      return this;
    }

    public Builder tokenStore(TokenStore store) {
      tokenStore = store;
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      retryPolicy = policy;
      return this;
    }

    /** Refresh this long before the access token's {@code exp} (default 60 s). */
    public Builder refreshBefore(Duration d) {
      refreshBefore = d;
      return this;
    }

    /** Share your app's OkHttp client (connection pool, dispatcher, certificate pinning). */
    public Builder okHttpClient(OkHttpClient client) {
      base = client;
      return this;
    }

    /** Makes the {@code X-Request-ID} of each call (default: a random UUID). */
    public Builder requestIds(Supplier<String> ids) {
      requestIds = ids;
      return this;
    }

    Builder clock(Session.Clock c) {
      clock = c;
      return this;
    }

    public PlatformClient build() {
      OkHttpClient.Builder http = (base == null ? new OkHttpClient() : base).newBuilder()
          .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .writeTimeout(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
          // RetryInterceptor decides; OkHttp's own silent retry would resend non-idempotent POSTs
          .retryOnConnectionFailure(false);
      // The Session makes its sign-in and refresh calls through this ApiClient, and the
      // interceptors need the Session: the ApiClient gets its final OkHttp client (same pool and
      // dispatcher, built from the same builder) once the Session exists.
      ApiClient api = new ApiClient(http.build());
      api.setBasePath(stripTrailingSlashes(baseUri.toString()));
      String sdk = "platform-sdk-java/" + VERSION;
      api.setUserAgent(userAgent == null ? sdk : userAgent + " " + sdk);
      final Session session = new Session(tokenStore, new AuthApi(api), new AccountApi(api),
          refreshBefore.getSeconds(), clock);
      api.setHttpClient(http
          .addInterceptor(new RequestIdInterceptor(requestIds))
          .addInterceptor(new AuthInterceptor(session))
          .addInterceptor(new RetryInterceptor(retryPolicy))
          .build());
      ((HttpBearerAuth) api.getAuthentication("bearerAuth")).setBearerToken(new Supplier<String>() {
        @Override
        public String get() {
          return session.currentAccessToken();
        }
      });
      return new PlatformClient(api, session);
    }

    private static String stripTrailingSlashes(String s) {
      int end = s.length();
      while (end > 0 && s.charAt(end - 1) == '/') {
        end--;
      }
      return s.substring(0, end);
    }
  }

  /** One fresh {@code X-Request-ID} per call, unless the caller set one. */
  private static final class RequestIdInterceptor implements Interceptor {
    private final Supplier<String> ids;

    RequestIdInterceptor(Supplier<String> ids) {
      this.ids = ids;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (request.header("X-Request-ID") != null) {
        return chain.proceed(request);
      }
      return chain.proceed(request.newBuilder().header("X-Request-ID", ids.get()).build());
    }
  }
}
