package dev.apiplatform.mock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mock-server.jar [--port 4010] [--spec FILE]}: serves the contract's
 * examples. {@code --port 0} picks a free port; without {@code --spec} the bundled
 * {@code openapi.yaml} from the classpath is used.
 */
public final class MockServerMain {

  private MockServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 4010;
    Path spec = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          value = a.substring(eq + 1);
          a = a.substring(0, eq);
        }
        switch (a) {
          case "--port", "-p" -> port = Integer.parseInt(value != null ? value : args[++i]);
          case "--spec", "-s" -> spec = Path.of(value != null ? value : args[++i]);
          case "--help", "-h" -> {
            usage();
            return;
          }
          default -> throw new IllegalArgumentException("Unknown argument: " + args[i]);
        }
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Port out of range: " + port);
      }
      if (spec != null && !Files.isRegularFile(spec)) {
        throw new IllegalArgumentException("No such spec file: " + spec);
      }
    } catch (RuntimeException e) {
      System.err.println("mock-server: " + e.getMessage());
      usage();
      System.exit(2);
      return;
    }

    ContractMock mock;
    RunningMock running;
    try {
      mock = ContractMock.load(spec);
      running = mock.start(port);
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
    System.out.println("Mock server listening on port " + running.port() + " ("
        + running.baseUri() + "): " + mock.operationCount() + " operations mocked from "
        + mock.source());
    System.out.flush();
    stopped.await();
  }

  private static void usage() {
    System.err.println("usage: java -jar mock-server.jar [--port N (default 4010, 0 = free port)]"
        + " [--spec openapi.yaml (default: the bundled contract)]");
  }
}
