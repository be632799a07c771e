package dev.apiplatform.server.healthkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * HealthKit exports for tests, of any size without holding them: {@code samples} step-count
 * samples of 100 steps each, one per 10 minutes from 2025-06-01, every sample the same length,
 * so the byte count is known before the first byte is made.
 */
final class Exports {

  static final String HEAD = "{\"export_date\":\"2025-06-17T10:30:00Z\",\"samples\":[";
  static final String TAIL = "]}";

  private Exports() {}

  static String sample(long i) {
    java.time.Instant at = java.time.Instant.parse("2025-06-01T00:00:00Z").plusSeconds(600 * (i % 100_000));
    return "{\"type\":\"HKQuantityTypeIdentifierStepCount\",\"start_date\":\"" + at + "\",\"end_date\":\""
        + at.plusSeconds(600) + "\",\"value\":100,\"unit\":\"count\"}";
  }

  static long length(long samples) {
    return HEAD.length() + TAIL.length() + samples * sample(0).length() + Math.max(0, samples - 1);
  }

  static InputStream stream(long samples) {
    Enumeration<InputStream> parts = new Enumeration<>() {
      long next = -1;

      @Override
      public boolean hasMoreElements() {
        return next <= samples;
      }

      @Override
      public InputStream nextElement() {
        if (!hasMoreElements()) throw new NoSuchElementException();
        long i = next++;
        String s;
        if (i < 0) s = HEAD;
        else if (i == samples) s = TAIL;
        else {
          // a thousand samples per chunk: few objects, steady pace
          StringBuilder b = new StringBuilder();
          long end = Math.min(samples, i + 1000);
          for (long k = i; k < end; k++) b.append(k == 0 ? "" : ",").append(sample(k));
          next = end;
          s = b.toString();
        }
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
      }
    };
    return new SequenceInputStream(parts);
  }

  static String small(long samples) {
    try {
      return new String(stream(samples).readAllBytes(), StandardCharsets.US_ASCII);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
