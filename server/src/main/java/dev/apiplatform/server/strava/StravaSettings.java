package dev.apiplatform.server.strava;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Env;
import java.net.URI;
import java.util.Optional;

/**
 * Strava's configuration (issue 10; the names are part of its contract). Without client id,
 * secret and redirect URI the Strava routes answer 503 "Strava is not configured".
 *
 * @param baseUrl {@code STRAVA_BASE_URL}: {@code /oauth/*} and {@code /api/v3/*} hang off it
 */
public record StravaSettings(URI baseUrl, Optional<String> clientId, Optional<String> clientSecret,
    Optional<URI> redirectUri, Optional<String> webhookVerifyToken, Optional<Long> subscriptionId,
    Optional<String> tokenEncryptionKey) {

  public static final String DEFAULT_BASE_URL = "https://www.strava.com";

  public static StravaSettings read(Env env) {
    URI base = env.uri("STRAVA_BASE_URL").orElse(URI.create(DEFAULT_BASE_URL));
    Optional<Long> subscription = env.raw("STRAVA_SUBSCRIPTION_ID").map(v -> {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new ConfigException("STRAVA_SUBSCRIPTION_ID must be a number");
      }
    });
    return new StravaSettings(base, env.raw("STRAVA_CLIENT_ID"), env.raw("STRAVA_CLIENT_SECRET"),
        env.uri("STRAVA_REDIRECT_URI"), env.raw("STRAVA_WEBHOOK_VERIFY_TOKEN"), subscription,
        env.raw("TOKEN_ENCRYPTION_KEY"));
  }

  /** Not configured: nothing Strava-bound can work, and the routes say so. */
  public static StravaSettings none() {
    return new StravaSettings(URI.create(DEFAULT_BASE_URL), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean configured() {
    return clientId.isPresent() && clientSecret.isPresent() && redirectUri.isPresent();
  }

  public URI resolve(String pathAndQuery) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base + pathAndQuery);
  }

  /** The secret is never printed. */
  @Override
  public String toString() {
    return "StravaSettings[baseUrl=" + baseUrl + ", configured=" + configured() + ", subscriptionId="
        + subscriptionId + "]";
  }
}
