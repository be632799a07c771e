package dev.apiplatform.mock;

import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.SimpleBindings;

/**
 * Schema {@code pattern}s for the request validator, matched with {@code java.util.regex}.
 *
 * <p>Why: swagger-request-validator's schema library (json-schema-core) matches every
 * {@code pattern} by running JavaScript ({@code new RegExp(re).test(input)}) in Rhino, which
 * compiles the expression again on every call: about 20 µs per pattern and request, the largest
 * single cost of validating a request. Before falling back to Rhino it asks {@code javax.script}
 * for an engine named {@code nashorn} (absent since Java 15) offering two functions,
 * {@code regexIsValid(re)} and {@code regMatch(re, input)}. This engine is registered under that
 * name and offers exactly those two, with compiled patterns cached. Java's syntax is also what
 * the platform checks patterns with (Bean Validation {@code @Pattern}), so mock and server agree.
 * It is not a JavaScript engine: {@code eval} does nothing and other functions do not exist.
 */
public final class JavaRegexScriptEngine extends AbstractScriptEngine implements Invocable {

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private final ScriptEngineFactory factory;

  JavaRegexScriptEngine(ScriptEngineFactory factory) {
    this.factory = factory;
  }

  @Override
  public Object invokeFunction(String name, Object... args) throws NoSuchMethodException {
    switch (name) {
      case "regexIsValid" -> {
        try {
          pattern(String.valueOf(args[0]));
          return Boolean.TRUE;
        } catch (PatternSyntaxException e) {
          return Boolean.FALSE;
        }
      }
      case "regMatch" -> {
        // RegExp.test semantics: a match anywhere, as JSON Schema defines pattern
        return pattern(String.valueOf(args[0])).matcher(String.valueOf(args[1])).find();
      }
      default -> throw new NoSuchMethodException(name + " (only regexIsValid and regMatch exist)");
    }
  }

  private static Pattern pattern(String regex) {
    Pattern p = PATTERNS.get(regex);
    if (p == null) {
      p = Pattern.compile(regex);
      if (PATTERNS.size() < 10_000) {
        PATTERNS.put(regex, p);
      }
    }
    return p;
  }

  @Override
  public Object invokeMethod(Object thiz, String name, Object... args) throws NoSuchMethodException {
    throw new NoSuchMethodException(name);
  }

  @Override
  public <T> T getInterface(Class<T> type) {
    return null;
  }

  @Override
  public <T> T getInterface(Object thiz, Class<T> type) {
    return null;
  }

  /** The validator evaluates its JavaScript source once; the two functions exist already. */
  @Override
  public Object eval(String script, ScriptContext context) {
    return null;
  }

  @Override
  public Object eval(Reader reader, ScriptContext context) {
    return null;
  }

  @Override
  public Bindings createBindings() {
    return new SimpleBindings();
  }

  @Override
  public ScriptEngineFactory getFactory() {
    return factory;
  }

  /** Registered in {@code META-INF/services/javax.script.ScriptEngineFactory}. */
  public static final class Factory implements ScriptEngineFactory {
    @Override
    public String getEngineName() {
      return "java.util.regex for JSON Schema patterns";
    }

    @Override
    public String getEngineVersion() {
      return "1";
    }

    @Override
    public List<String> getExtensions() {
      return List.of();
    }

    @Override
    public List<String> getMimeTypes() {
      return List.of();
    }

    @Override
    public List<String> getNames() {
      return List.of("nashorn");
    }

    @Override
    public String getLanguageName() {
      return "regex";
    }

    @Override
    public String getLanguageVersion() {
      return "1";
    }

    @Override
    public Object getParameter(String key) {
      return ScriptEngine.NAME.equals(key) ? "nashorn" : null;
    }

    @Override
    public String getMethodCallSyntax(String obj, String m, String... args) {
      // JavaScript syntax, as the engine it stands in for (nashorn) would answer
      return obj + "." + m + "(" + String.join(", ", args) + ")";
    }

    @Override
    public String getOutputStatement(String toDisplay) {
      return "print(" + toDisplay + ")";
    }

    @Override
    public String getProgram(String... statements) {
      return String.join(";\n", statements);
    }

    @Override
    public ScriptEngine getScriptEngine() {
      return new JavaRegexScriptEngine(this);
    }
  }
}
