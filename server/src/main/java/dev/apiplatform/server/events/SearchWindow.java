package dev.apiplatform.server.events;

import dev.apiplatform.server.domain.InvalidField;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The time window of {@code GET /events/search} from the seed's parameter forms: ISO
 * {@code startTime}/{@code endTime}; or {@code date} (+ {@code time}) with {@code windowMinutes}
 * (default 3 h with a time, the whole UTC day without), optionally ended by {@code endDate}/
 * {@code endTime}; nothing means the next 31 days. At most 31 days long.
 */
record SearchWindow(Instant from, Instant to) {

  static final Duration MAX = Duration.ofDays(31);

  static SearchWindow of(String startTime, String endTime, LocalDate date, String time, LocalDate endDate,
      Integer windowMinutes, Instant now) {
    Instant from;
    Instant to;
    if (date == null && endDate == null && (startTime != null || endTime != null)) {
      from = startTime == null ? now : instant(startTime, "query.startTime");
      to = endTime == null ? from.plus(Duration.ofMinutes(windowMinutes == null ? 180 : windowMinutes))
          : instant(endTime, "query.endTime");
    } else if (date != null) {
      LocalTime at = time == null ? (startTime != null && isClock(startTime) ? LocalTime.parse(startTime) : null)
          : LocalTime.parse(time);
      from = date.atTime(at == null ? LocalTime.MIDNIGHT : at).toInstant(ZoneOffset.UTC);
      if (endDate != null || endTime != null) {
        LocalDate day = endDate == null ? date : endDate;
        if (endTime != null && !isClock(endTime)) {
          to = instant(endTime, "query.endTime");
        } else {
          to = endTime == null ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
              : day.atTime(LocalTime.parse(endTime)).toInstant(ZoneOffset.UTC);
        }
      } else {
        int minutes = windowMinutes != null ? windowMinutes : at != null ? 180 : 24 * 60;
        to = from.plus(Duration.ofMinutes(minutes));
      }
    } else if (endDate != null) {
      throw new InvalidField("query.endDate", "needs date", "dependent");
    } else {
      from = now;
      to = now.plus(MAX);
    }
    if (!to.isAfter(from)) throw new InvalidField("query.endTime", "must be after the start of the window", "range");
    if (Duration.between(from, to).compareTo(MAX) > 0) {
      throw new InvalidField("query.endTime", "the window must be at most 31 days", "max");
    }
    return new SearchWindow(from, to);
  }

  private static boolean isClock(String value) {
    return value.length() == 5 && value.charAt(2) == ':';
  }

  private static Instant instant(String value, String field) {
    try {
      if (isClock(value)) throw new InvalidField(field, "a time of day (HH:mm) needs date", "dependent");
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidField(field, "must be an ISO-8601 date-time with offset", "format");
    }
  }
}
