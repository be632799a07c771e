package dev.apiplatform.server.devroutes;

import dev.apiplatform.server.api.model.DebugSettingDto;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.security.TokenService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the debug routes show, by the environment variable that sets it. Secrets are never read
 * into the answer: a set one is {@value #MASK}, an unset one {@value #UNSET}.
 */
final class DebugSettings {

  static final String MASK = "***";
  static final String UNSET = "<unset>";
  /** Group settings that are secrets (read from the environment only to say whether they are set). */
  private static final List<String> SECRET_VARIABLES = List.of("GEMINI_API_KEY", "LLM_API_KEY");
  private static final List<String> PLAIN_VARIABLES = List.of("LLM_PROVIDER", "GEMINI_MODEL", "GEMINI_BASE_URL",
      "LLM_BASE_URL", "LLM_MODEL", "WORKERS", "WS_IDLE_TIMEOUT_SECONDS", "WS_HEARTBEAT_SECONDS",
      "WS_MESSAGES_PER_MINUTE");

  private final AppConfig config;
  private final TokenService tokens;

  DebugSettings(AppConfig config, TokenService tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  List<DebugSettingDto> config() {
    List<DebugSettingDto> out = new ArrayList<>();
    AppConfig.Http http = config.http();
    plain(out, "STAGE", config.stage().name().toLowerCase(java.util.Locale.ROOT));
    plain(out, "DATA_DIR", config.dataDir().toString());
    plain(out, "BIND_ADDRESS", http.bindAddress());
    plain(out, "PORT", Integer.toString(http.port()));
    plain(out, "ALLOWED_ORIGINS", String.join(",", http.allowedOrigins()));
    plain(out, "MAX_BODY_BYTES", Long.toString(http.maxBodyBytes()));
    plain(out, "SHUTDOWN_GRACE_SECONDS", Long.toString(http.shutdownGrace().toSeconds()));
    plain(out, "KEEP_ALIVE_IDLE_SECONDS", Long.toString(http.keepAliveIdle().toSeconds()));
    AppConfig.Aws aws = config.aws();
    plain(out, "STORES", aws.stores().name().toLowerCase(java.util.Locale.ROOT));
    plain(out, "AWS_REGION", aws.region());
    plain(out, "DYNAMODB_ENDPOINT", aws.dynamoDbEndpoint().map(Object::toString).orElse(UNSET));
    plain(out, "S3_ENDPOINT", aws.s3Endpoint().map(Object::toString).orElse(UNSET));
    plain(out, "SQS_ENDPOINT", aws.sqsEndpoint().map(Object::toString).orElse(UNSET));
    plain(out, "AWS_CALL_TIMEOUT_MS", Long.toString(aws.callTimeout().toMillis()));
    plain(out, "BUCKET_NAMESPACE", aws.bucketNamespace());
    secret(out, "AWS_SECRET_ACCESS_KEY", aws.credentials());
    for (String name : PLAIN_VARIABLES) plain(out, name, config.env().raw(name).orElse(UNSET));
    for (String name : SECRET_VARIABLES) secret(out, name, config.env().raw(name));
    return out;
  }

  List<DebugSettingDto> auth() {
    List<DebugSettingDto> out = new ArrayList<>();
    AppConfig.Auth auth = config.auth();
    plain(out, "JWT_ISSUER", auth.jwtIssuer());
    plain(out, "JWT_AUDIENCE", auth.jwtAudience());
    plain(out, "ACCESS_TOKEN_TTL_SECONDS", Long.toString(auth.accessTokenTtl().toSeconds()));
    plain(out, "JWKS_URI", "/.well-known/jwks.json");
    plain(out, "SIGNING_KEY_IDS", String.join(",", keyIds()));
    plain(out, "OTP_TTL_SECONDS", Long.toString(auth.otpTtl().toSeconds()));
    plain(out, "OTP_MAX_ATTEMPTS", Integer.toString(auth.otpMaxAttempts()));
    plain(out, "AUTH_REQUESTS_PER_MINUTE", Integer.toString(auth.authRequestsPerMinute()));
    plain(out, "TRUSTED_PROXIES", String.join(",", auth.trustedProxies()));
    secret(out, "JWT_SIGNING_KEYS", auth.jwtSigningKeys());
    secret(out, "CODE_HASH_KEY", auth.codeHashKey());
    return out;
  }

  /** Key ids are public (they are in the JWK Set), the keys are not. */
  @SuppressWarnings("unchecked")
  private List<String> keyIds() {
    Object keys = tokens.jwks().get("keys");
    if (!(keys instanceof List<?> list)) return List.of();
    return list.stream().filter(Map.class::isInstance).map(k -> String.valueOf(((Map<String, Object>) k).get("kid")))
        .toList();
  }

  private static void plain(List<DebugSettingDto> out, String name, String value) {
    out.add(new DebugSettingDto(name, value, false));
  }

  private static void secret(List<DebugSettingDto> out, String name, Optional<?> value) {
    out.add(new DebugSettingDto(name, value.isPresent() ? MASK : UNSET, true));
  }
}
