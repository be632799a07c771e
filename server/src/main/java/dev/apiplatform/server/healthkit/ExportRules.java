package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.health.NotCallersUserId;
import dev.apiplatform.server.http.edge.StrictJson;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's {@code HealthKitExport} checked one JSON token at a time, so an export of any
 * size is validated in constant memory while it streams (the upload: a non-blocking parser fed
 * by the bytes on their way to storage) or while it is read back (the worker). Every rule of
 * the schema is here: fields and their types, required and unknown fields, lengths, patterns,
 * ranges, {@code minItems}, {@code end_date} not before {@code start_date}; plus the platform's
 * strict JSON rules (no null, no duplicate key, StrictJson's string rule). A refusal names the
 * field ({@code body.samples[3].value}). Each complete sample goes to the {@link Sink}.
 */
final class ExportRules {

  /** One checked sample. */
  record Sample(String type, Instant start, Instant end, double value, String unit) {}

  interface Sink {
    void sample(Sample sample);
  }

  private static final Pattern USER_ID = Pattern.compile("^[A-Za-z0-9_:.-]+$");
  private static final Pattern TYPE = Pattern.compile("^HK[A-Za-z0-9]+$");
  static final double MIN_VALUE = -1_000_000;
  static final double MAX_VALUE = 1_000_000_000;

  private enum State { BEFORE_ROOT, ROOT_FIELD, ROOT_VALUE, SAMPLES_START, SAMPLE_START, SAMPLE_FIELD, SAMPLE_VALUE,
    AFTER_ROOT }

  private final String caller;
  private final Sink sink;
  private State state = State.BEFORE_ROOT;
  private String field;
  private final Set<String> rootFields = new HashSet<>();
  private final Set<String> sampleFields = new HashSet<>();
  private long index = -1;
  private String type;
  private Instant start;
  private Instant end;
  private double value;
  private String unit;

  ExportRules(String caller, Sink sink) {
    this.caller = caller;
    this.sink = sink;
  }

  long samples() {
    return index + 1;
  }

  void token(JsonToken t, JsonParser p) throws IOException {
    switch (state) {
      case BEFORE_ROOT -> {
        if (t != JsonToken.START_OBJECT) throw new InvalidField("body", "must be a HealthKitExport object", "type");
        state = State.ROOT_FIELD;
      }
      case ROOT_FIELD -> {
        if (t == JsonToken.END_OBJECT) {
          if (!rootFields.contains("samples")) throw new InvalidField("body.samples", "is required", "required");
          state = State.AFTER_ROOT;
          return;
        }
        field = name(p, rootFields, "body.");
        if (!Set.of("user_id", "export_date", "samples").contains(field)) {
          throw new InvalidField("body." + field, "is not a field of HealthKitExport", "additionalProperties");
        }
        state = State.ROOT_VALUE;
      }
      case ROOT_VALUE -> rootValue(t, p);
      case SAMPLES_START -> {
        if (t == JsonToken.END_ARRAY) {
          if (index < 0) throw new InvalidField("body.samples", "must hold at least 1 sample", "minItems");
          state = State.ROOT_FIELD;
          return;
        }
        if (t != JsonToken.START_OBJECT) throw new InvalidField(at(index + 1), "must be a HealthKitSample object", "type");
        index++;
        sampleFields.clear();
        type = null;
        start = null;
        end = null;
        unit = null;
        state = State.SAMPLE_FIELD;
      }
      case SAMPLE_FIELD -> {
        if (t == JsonToken.END_OBJECT) {
          endSample();
          state = State.SAMPLES_START;
          return;
        }
        field = name(p, sampleFields, at(index) + ".");
        if (!Set.of("type", "start_date", "end_date", "value", "unit", "source").contains(field)) {
          throw new InvalidField(at(index) + "." + field, "is not a field of HealthKitSample", "additionalProperties");
        }
        state = State.SAMPLE_VALUE;
      }
      case SAMPLE_VALUE -> {
        sampleValue(t, p, at(index) + "." + field);
        state = State.SAMPLE_FIELD;
      }
      case AFTER_ROOT -> throw new InvalidField("body", "has content after the export object", "json");
      default -> throw new IllegalStateException(state.name());
    }
  }

  /** The input ended: it must have been one whole export. */
  void end() {
    if (state != State.AFTER_ROOT) throw new InvalidField("body", "ends before the export is complete", "json");
  }

  private void rootValue(JsonToken t, JsonParser p) throws IOException {
    String where = "body." + field;
    switch (field) {
      case "user_id" -> {
        String id = string(t, p, where, 1, 128);
        if (!USER_ID.matcher(id).matches()) throw new InvalidField(where, "must match " + USER_ID.pattern(), "pattern");
        if (!id.equals(caller)) throw new NotCallersUserId();
        state = State.ROOT_FIELD;
      }
      case "export_date" -> {
        dateTime(string(t, p, where, 1, 40), where);
        state = State.ROOT_FIELD;
      }
      default -> { // samples
        if (t != JsonToken.START_ARRAY) throw new InvalidField(where, "must be an array of samples", "type");
        state = State.SAMPLES_START;
      }
    }
  }

  private void sampleValue(JsonToken t, JsonParser p, String where) throws IOException {
    switch (field) {
      case "type" -> {
        type = string(t, p, where, 3, 128);
        if (!TYPE.matcher(type).matches()) throw new InvalidField(where, "must match " + TYPE.pattern(), "pattern");
      }
      case "start_date" -> start = dateTime(string(t, p, where, 1, 40), where);
      case "end_date" -> end = dateTime(string(t, p, where, 1, 40), where);
      case "value" -> {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw new InvalidField(where, "must be a number", "type");
        }
        value = p.getDoubleValue();
        if (value < MIN_VALUE) throw new InvalidField(where, "must be at least " + (long) MIN_VALUE, "minimum");
        if (value > MAX_VALUE) throw new InvalidField(where, "must be at most " + (long) MAX_VALUE, "maximum");
      }
      case "unit" -> unit = string(t, p, where, 0, 32);
      default -> string(t, p, where, 0, 200); // source
    }
  }

  private void endSample() {
    for (String required : new String[] {"type", "start_date", "end_date", "value"}) {
      if (!sampleFields.contains(required)) throw new InvalidField(at(index) + "." + required, "is required", "required");
    }
    if (end.isBefore(start)) throw new InvalidField(at(index) + ".end_date", "must not be before start_date", "order");
    sink.sample(new Sample(type, start, end, value, unit));
  }

  private static String at(long i) {
    return "body.samples[" + i + "]";
  }

  private static String name(JsonParser p, Set<String> seen, String prefix) throws IOException {
    String name = p.currentName();
    String bad = StrictJson.violation(name);
    if (bad != null) throw new InvalidField(prefix.substring(0, prefix.length() - 1), "has a key that " + bad, "string");
    if (!seen.add(name)) throw new InvalidField(prefix + name, "appears twice", "duplicate");
    return name;
  }

  private static String string(JsonToken t, JsonParser p, String where, int min, int max) throws IOException {
    if (t != JsonToken.VALUE_STRING) throw new InvalidField(where, "must be a string", "type");
    String s = p.getText();
    if (s.length() < min) throw new InvalidField(where, "must have at least " + min + " characters", "minLength");
    if (s.length() > max) throw new InvalidField(where, "must have at most " + max + " characters", "maxLength");
    String bad = StrictJson.violation(s);
    if (bad != null) throw new InvalidField(where, bad, "string");
    return s;
  }

  private static Instant dateTime(String s, String where) {
    try {
      if (s.indexOf('T') < 0) throw new DateTimeParseException("no T", s, 0);
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidField(where, "must be an RFC 3339 date-time that exists", "format");
    }
  }
}
