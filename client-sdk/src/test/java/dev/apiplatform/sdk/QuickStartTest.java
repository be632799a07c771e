package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.client.model.Item;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** The README's quick start, compiled as written and run against the running platform. */
class QuickStartTest {

  static final String MARKER = "<!-- quickstart:java";

  static List<String> quickStart() throws Exception {
    List<String> lines = Files.readAllLines(Path.of(System.getProperty("sdk.readme")));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(MARKER)) {
        start = i + 2; // the marker, then ```java
      }
    }
    assertThat(start).as("README marker " + MARKER).isPositive();
    int end = start;
    while (!lines.get(end).startsWith("```")) {
      end++;
    }
    return lines.subList(start, end);
  }

  @Test
  void readmeQuickStart_isUnder15Lines_compilesAndRuns() throws Exception {
    List<String> block = quickStart();
    assertThat(block.size()).isLessThan(15);
    // the root README shows the same lines (so the one people read first is the one tested)
    Path rootReadme = Path.of(System.getProperty("sdk.readme")).getParent().getParent().resolve("README.md");
    assertThat(Files.readString(rootReadme)).contains(String.join("\n", block));

    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : block) {
      (line.startsWith("import ") ? imports : body).append(line).append('\n');
    }
    String source = imports + "public class QuickStart {\n"
        + "  public static void run(String baseUrl, String phone, String itemId) throws Exception {\n"
        + body + "  }\n}\n";
    Path dir = Files.createTempDirectory("quickstart");
    Files.writeString(dir.resolve("QuickStart.java"), source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    int rc = javac.run(null, null, null, "-proc:none", "-cp", cp, "-d", dir.toString(), dir.resolve("QuickStart.java").toString());
    assertThat(rc).as("javac on:\n" + source).isZero();

    String phone = TestUsers.phone();
    String itemId = TestUsers.id("lamp");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method run = loader.loadClass("QuickStart").getMethod("run", String.class, String.class, String.class);
      run.invoke(null, RunningPlatform.baseUri().toString(), phone, itemId);
    }

    // what the quick start did is really there, seen by another user
    Item lamp = TestUsers.signedInByPhone().items().get(itemId).value();
    assertThat(lamp.getName()).isEqualTo("Lamp");
    assertThat(lamp.getPrice()).isEqualByComparingTo("17.5");
  }
}
