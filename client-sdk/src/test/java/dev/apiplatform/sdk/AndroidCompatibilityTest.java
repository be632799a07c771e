package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.tools.ToolProvider;
import org.codehaus.mojo.animal_sniffer.SignatureChecker;
import org.codehaus.mojo.animal_sniffer.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The build's Android check (animal-sniffer, Android API 26 signature, see the pom) really fails
 * on JDK-only API: the same checker and signature, run on probe classes compiled here.
 */
class AndroidCompatibilityTest {

  private static List<String> violations(String probeSource) throws Exception {
    Path dir = Files.createTempDirectory("android-probe");
    Files.writeString(dir.resolve("Probe.java"), probeSource);
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-d", dir.toString(),
        dir.resolve("Probe.java").toString());
    assertThat(rc).isZero();
    List<String> errors = new ArrayList<>();
    Logger collect = new Logger() {
      public void info(String m) { }
      public void info(String m, Throwable t) { }
      public void debug(String m) { }
      public void debug(String m, Throwable t) { }
      public void warn(String m) { }
      public void warn(String m, Throwable t) { }
      public void error(String m) { errors.add(m); }
      public void error(String m, Throwable t) { errors.add(m); }
    };
    try (InputStream signature = Files.newInputStream(Path.of(System.getProperty("android.signature.file")))) {
      SignatureChecker checker = new SignatureChecker(signature, Collections.emptySet(), collect);
      checker.setAnnotationTypes(Collections.emptyList());
      checker.setSourcePath(Collections.emptyList());
      checker.process(dir.resolve("Probe.class").toFile());
      assertThat(checker.isSignatureBroken()).isEqualTo(!errors.isEmpty());
    }
    return errors;
  }

  @Test
  void javaNetHttpAndJava9PlusApis_areFlagged() throws Exception {
    List<String> errors = violations("""
        class Probe {
          Object http() { return java.net.http.HttpClient.newHttpClient(); }
          Object list() { return java.util.List.of("a"); }
          boolean blank(String s) { return s.isBlank(); }
        }""");
    assertThat(String.join("\n", errors)).contains("java.net.http.HttpClient").contains("List.of").contains("isBlank");
  }

  @Test
  void whatTheSdkUses_passes() throws Exception {
    // java.time, java.util.Base64, java.util.stream and java.util.function exist from API 26
    assertThat(violations("""
        class Probe {
          Object t() { return java.time.Duration.ofSeconds(1).plus(java.time.Duration.ZERO); }
          Object b() { return java.util.Base64.getUrlDecoder().decode("YQ"); }
          Object s() { return java.util.stream.StreamSupport.stream(new java.util.ArrayList<String>().spliterator(), false).count(); }
        }""")).isEmpty();
  }
}
