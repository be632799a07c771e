package dev.apiplatform.server.http.edge;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MappingJsonFactory;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request JSON as RFC 8259 and the contract mean it, where Jackson is lenient by default:
 * <ul>
 *   <li>bytes are decoded as strict UTF-8: an overlong form ({@code C0 AF} for "/"), an encoded
 *       surrogate or a UTF-16/32 body is malformed, never guessed or repaired;</li>
 *   <li>one string rule, {@link #violation(String)}, for every string value and object key: no
 *       U+0000 and no unpaired surrogate, escaped or not (stores and logs mangle both);</li>
 *   <li>no {@code null} value: the contract declares nothing nullable, and a null reaching a
 *       model would be "absent" to some code and a NullPointerException to other code. This is
 *       a parser rule, not Jackson's {@code Nulls.FAIL}, which also fails absent creator
 *       properties (every optional field of the generated models).</li>
 *   <li>dates and times ({@code java.time}) only from strings: the contract's {@code date-time} is
 *       a string, while Jackson reads {@code 0} as 1970-01-01 (Schemathesis ST201 on echoes_save).</li>
 * </ul>
 * Duplicate keys are refused by the mapper ({@code STRICT_DUPLICATE_DETECTION}, in JacksonConfig).
 */
public final class StrictJson {

  private StrictJson() {}

  /** Null when {@code s} is acceptable, else why not. */
  public static String violation(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) return "contains U+0000";
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "contains an unpaired surrogate";
      }
      if (Character.isLowSurrogate(c)) return "contains an unpaired surrogate";
    }
    return null;
  }

  /** The parser factory: byte input goes through a strict UTF-8 decoder. */
  public static MappingJsonFactory factory() {
    return new StrictFactory();
  }

  /** Applies {@link #violation(String)} to every string value and map key Jackson binds. */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("strict-strings");
    module.addDeserializer(String.class, new StrictStringDeserializer());
    module.addKeyDeserializer(String.class, new StrictKeyDeserializer());
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
          JsonDeserializer<?> deserializer) {
        return bean.getBeanClass().getPackageName().equals("java.time") ? new TextOnly(deserializer) : deserializer;
      }
    });
    return module;
  }

  /** A deserializer that accepts only a JSON string (an ISO-8601 text), no number or array. */
  private static final class TextOnly extends DelegatingDeserializer {
    TextOnly(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new TextOnly(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) return ctxt.handleUnexpectedToken(handledType(), p);
      return super.deserialize(p, ctxt);
    }
  }

  private static final class StrictStringDeserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = super.deserialize(p, ctxt);
      String why = value == null ? null : violation(value);
      if (why != null) throw ctxt.weirdStringException(value, String.class, why);
      return value;
    }
  }

  private static final class StrictKeyDeserializer extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      String why = violation(key);
      if (why != null) throw ctxt.weirdKeyException(String.class, key, why);
      return key;
    }
  }

  private static final class StrictFactory extends MappingJsonFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonParser createParser(InputStream in) throws IOException {
      return new NoNulls(createParser(new StrictUtf8Reader(in)));
    }

    @Override
    public JsonParser createParser(byte[] data) throws IOException {
      return createParser(new ByteArrayInputStream(data));
    }

    @Override
    public JsonParser createParser(byte[] data, int offset, int len) throws IOException {
      return createParser(new ByteArrayInputStream(data, offset, len));
    }

    @Override
    public MappingJsonFactory copy() {
      return new StrictFactory();
    }
  }

  /** Refuses a JSON null wherever a value is read (every value-reading call passes nextToken). */
  private static final class NoNulls extends JsonParserDelegate {
    NoNulls(JsonParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token = delegate.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        String name = delegate.getParsingContext().getCurrentName();
        throw new JsonParseException(this, (name == null ? "A value" : "\"" + name + "\"")
            + " is null; the contract declares no nullable field (leave it out instead)");
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public String nextTextValue() throws IOException {
      return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(int defaultValue) throws IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(long defaultValue) throws IOException {
      return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
    }

    @Override
    public String nextFieldName() throws IOException {
      return nextToken() == JsonToken.FIELD_NAME ? getCurrentName() : null;
    }

    @Override
    public boolean nextFieldName(com.fasterxml.jackson.core.SerializableString name) throws IOException {
      return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(getCurrentName());
    }
  }

  /** Turns a decoding error into a JSON parse error, which the error mappers answer with 400. */
  private static final class StrictUtf8Reader extends Reader {
    private final Reader decoder;

    StrictUtf8Reader(InputStream in) {
      decoder = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
      try {
        return decoder.read(buffer, off, len);
      } catch (CharacterCodingException e) {
        throw new JsonParseException(null, "The body is not valid UTF-8");
      }
    }

    @Override
    public void close() throws IOException {
      decoder.close();
    }
  }
}
