package dev.apiplatform.server.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The access-log line and the request id, built without a JSON tree, regex or SecureRandom: they
 * run on every request (issue 15 measured the Jackson tree, {@code Instant.toString} and
 * {@code UUID.randomUUID} at 3 % of the CPU of GET /healthz). The line is one JSON object:
 * {@code ts, request_id, method, path, status, duration_ms, remote[, user_agent]}.
 */
final class AccessLine {

  static final int MAX_AGENT = 200;
  private static final int MAX_ID = 128;
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.")
      .withZone(ZoneOffset.UTC);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The formatted second of the last line: a busy server formats it once per second, not per line. */
  private static volatile Second cached = new Second(Long.MIN_VALUE, "");

  private record Second(long epochSecond, String prefix) {
  }

  private AccessLine() {
  }

  /** The caller's id is kept when it is 1..128 of {@code A-Z a-z 0-9 . _ : -}. */
  static boolean validId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == ':' || c == '-';
      if (!ok) return false;
    }
    return true;
  }

  /**
   * A random version-4 UUID. Request ids need to be unique, not secret (they are echoed to the
   * caller and written to logs), so the thread-local generator replaces SecureRandom here.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** The line; {@code path} from the root, or base-relative as Jersey gives it (the leading slash is added). */
  static String format(long epochMillis, String id, String method, String path, int status, long durationNanos,
      String remote, String agent) {
    StringBuilder line = new StringBuilder(192 + (agent == null ? 0 : Math.min(agent.length(), MAX_AGENT)));
    line.append("{\"ts\":\"");
    timestamp(line, epochMillis);
    line.append("\",\"request_id\":");
    string(line, id);
    line.append(",\"method\":");
    string(line, method);
    line.append(",\"path\":");
    if (path == null || path.startsWith("/")) {
      string(line, path);
    } else { // Jersey's path is base-relative: the leading slash is written here, no string built for it
      line.append("\"/");
      escaped(line, path);
      line.append('"');
    }
    line.append(",\"status\":").append(status).append(",\"duration_ms\":");
    millis(line, durationNanos);
    line.append(",\"remote\":");
    string(line, remote);
    if (agent != null) {
      line.append(",\"user_agent\":");
      string(line, agent.length() > MAX_AGENT ? agent.substring(0, MAX_AGENT) : agent);
    }
    return line.append('}').toString();
  }

  /** ISO-8601 UTC with milliseconds, e.g. 2026-12-01T10:49:37.125Z. */
  static void timestamp(StringBuilder out, long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    Second s = cached;
    if (s.epochSecond() != second) {
      s = new Second(second, SECOND.format(Instant.ofEpochSecond(second)));
      cached = s;
    }
    int ms = (int) Math.floorMod(epochMillis, 1000);
    out.append(s.prefix()).append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
        .append((char) ('0' + ms % 10)).append('Z');
  }

  /** Milliseconds with two decimals (rounded), or -1 when the start is unknown. */
  static void millis(StringBuilder out, long nanos) {
    if (nanos < 0) {
      out.append("-1");
      return;
    }
    long hundredths = (nanos + 5_000) / 10_000;
    out.append(hundredths / 100).append('.');
    long frac = hundredths % 100;
    if (frac < 10) out.append('0');
    out.append(frac);
  }

  /** A JSON string literal; control characters, quotes and backslashes escaped. */
  static void string(StringBuilder out, String value) {
    out.append('"');
    if (value != null) escaped(out, value);
    out.append('"');
  }

  /** The characters of a JSON string literal, without the quotes. */
  private static void escaped(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      } else {
        out.append(c);
      }
    }
  }
}
