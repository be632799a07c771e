package dev.apiplatform.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.apiplatform.server.http.edge.StrictJson;
import jakarta.ws.rs.ext.ContextResolver;

/** The one ObjectMapper for request and response bodies. */
public final class JacksonConfig implements ContextResolver<ObjectMapper> {

  private final ObjectMapper mapper = create();

  public static ObjectMapper create() {
    ObjectMapper mapper = new ObjectMapper(StrictJson.factory())
        .registerModule(new JavaTimeModule())
        // strict UTF-8, no U+0000 or lone surrogates in strings, no duplicate keys (last-wins
        // let {"price":1,"price":99999} through checks that saw the first)
        .registerModule(StrictJson.module())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        // request bodies are additionalProperties: false in the contract
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // the contract's integers are integers: 2.5e-42 is a 400, not silently 0
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // optional fields are absent, never null: the contract declares nothing nullable (an
        // explicit null in a request is refused by StrictJson's parser)
        // 5 or true is not the string "5" or "true", and 1 is not an enum constant. (A decimal
        // string for a number stays tolerated: DECISIONS.md, marketplace prices.)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // 2.5 (or 2.5e-42) is not an integer: Jackson would truncate it to 2 (or 0) and store that
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    // a boolean is true or false: 0/1 are numbers (Schemathesis ST201 on insights_generate)
    mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    // "" is no date-time, number, enum or object: Jackson would read it as absent (null) and the
    // service would fill in a default (Schemathesis ST201: echoes_save with "timestamp": "")
    mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
