/**
 * The one outbound-HTTP convention for third-party APIs: {@link
 * dev.apiplatform.server.outbound.OutboundHttp} (HTTP/1.1, connect and per-attempt timeouts,
 * bounded retries with exponential backoff and full jitter on connect errors, 429 and 5xx,
 * Retry-After honoured, non-idempotent calls repeated only when declared safe, pooled connections
 * dropped after 30 s idle, nothing secret logged). Every third-party client (LLM, geocoding, Strava, Twilio) is built on it with its own
 * {@link dev.apiplatform.server.outbound.OutboundSettings} and a configurable base URL so tests
 * point it at WireMock.
 */
package dev.apiplatform.server.outbound;
