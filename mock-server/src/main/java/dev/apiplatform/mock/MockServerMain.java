package dev.apiplatform.mock;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mock-server.jar [options]}: serves the contract. See {@link #USAGE}; without
 * {@code --spec} the bundled {@code openapi.yaml} from the classpath is used.
 */
public final class MockServerMain {

  static final String USAGE = """
      usage: java -jar mock-server.jar [options]
        --port N             port (default 4010; 0 = a free port)
        --host ADDR          interface to bind (default 127.0.0.1; 0.0.0.0 = all)
        --spec FILE          self-contained OpenAPI 3.0 document (default: the bundled contract)
        --no-validate        do not validate requests against the contract
        --verify-with URL    bearer tokens must verify against this JWKS (default: any well-formed JWT)
        --stateful           serve the contract's CRUD collections from memory (POST /__mock/reset)
        --seed N             seed of Prefer: dynamic=true data (default 0)
        --allowed-origins L  CORS: * (default) or comma-separated origins
        --journal-size N     requests kept for GET /__mock/requests (default 1000)
        --max-body-bytes N   larger request bodies get 413 (default 1048576, as the platform)""";

  private MockServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    MockOptions options;
    try {
      options = parse(args);
      if (options == null) {
        System.out.println(USAGE);
        return;
      }
    } catch (RuntimeException e) {
      System.err.println("mock-server: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }

    RunningMock running;
    try {
      running = ContractMock.startWith(options);
    } catch (RuntimeException e) {
      System.err.println("mock-server: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.stop();
      stopped.countDown();
    }, "mock-server-shutdown"));
    System.out.println(banner(running));
    System.out.flush();
    stopped.await();
  }

  static String banner(RunningMock running) {
    MockOptions o = running.options();
    StringBuilder sb = new StringBuilder("Mock server listening on " + running.baseUri() + ": "
        + running.mock().operationCount() + " operations mocked from " + running.mock().source());
    sb.append("\n  validation ").append(o.validate() ? "on" : "off")
        .append("; bearer tokens: ").append(o.verifyWith() == null ? "any well-formed JWT"
            : "signed by a key of " + o.verifyWith())
        .append("; dynamic seed ").append(o.seed())
        .append("; CORS origins ").append(String.join(",", o.allowedOrigins()));
    if (o.stateful()) {
      sb.append("\n  stateful collections (POST /__mock/reset forgets them):");
      if (running.collections().isEmpty()) {
        sb.append(" none found (no POST C with GET C/{id} or a list of the same schema)");
      }
      running.collections().forEach(c -> sb.append("\n    ").append(c));
    }
    return sb.toString();
  }

  /** The options from the command line, or null for {@code --help}. */
  static MockOptions parse(String[] args) {
    MockOptions o = MockOptions.defaults();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--help", "-h" -> {
          return null;
        }
        case "--no-validate" -> o = o.withValidation(false);
        case "--stateful" -> o = o.withStateful(true);
        default -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("Missing value for " + a);
            }
            value = args[++i];
          }
          o = with(o, a, value);
        }
      }
    }
    if (o.spec() != null && !Files.isRegularFile(o.spec())) {
      throw new IllegalArgumentException("No such spec file: " + o.spec());
    }
    return o;
  }

  private static MockOptions with(MockOptions o, String name, String value) {
    return switch (name) {
      case "--port", "-p" -> o.withPort(Integer.parseInt(value));
      case "--host" -> o.withHost(value);
      case "--spec", "-s" -> o.withSpec(Path.of(value));
      case "--seed" -> o.withSeed(Long.parseLong(value));
      case "--verify-with" -> {
        URI uri = URI.create(value);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
          throw new IllegalArgumentException("--verify-with needs an http(s) URL: " + value);
        }
        yield o.withVerifyWith(uri);
      }
      case "--allowed-origins" -> o.withAllowedOrigins(Arrays.stream(value.split(","))
          .map(String::trim).filter(s -> !s.isEmpty()).toList());
      case "--journal-size" -> o.withJournalSize(Integer.parseInt(value));
      case "--max-body-bytes" -> o.withMaxBodyBytes(Long.parseLong(value));
      default -> throw new IllegalArgumentException("Unknown argument: " + name);
    };
  }
}
