package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every paged list operation has a PagedIterable, and the SDK's version is the contract's. */
class PagesCoverageTest {

  private static final List<String> GROUPS = List.of("Account", "Auth", "Echoes", "Items", "Offers", "Profile", "System");

  @Test
  void everyOperationTakingACursorOrPageNumber_hasAPagesMethod() throws Exception {
    List<String> paged = new ArrayList<>();
    for (String group : GROUPS) {
      Class<?> api = Class.forName("dev.apiplatform.client.api." + group + "Api");
      for (Method m : api.getDeclaredMethods()) {
        String n = m.getName();
        if (n.endsWith("Call") || n.endsWith("Async") || n.endsWith("WithHttpInfo") || n.endsWith("ValidateBeforeCall")) {
          continue;
        }
        boolean pagedOp = Arrays.stream(m.getParameters()).map(Parameter::getName)
            .anyMatch(p -> p.equals("cursor") || p.equals("page"));
        if (pagedOp) {
          paged.add(n);
          String helper = n.replaceFirst("List$", "");
          assertThat(Arrays.stream(Pages.class.getMethods()).map(Method::getName))
              .as("Pages." + helper + " for operation " + n).contains(helper);
        }
      }
    }
    // proves the scan sees parameter names (compiled with -parameters) and finds the known three
    assertThat(paged).containsExactlyInAnyOrder("itemsList", "offersList", "echoesList");
  }

  @Test
  void sdkVersion_isTheContractsInfoVersion_andThePomAgrees() throws Exception {
    String bundle = Files.readString(Path.of(System.getProperty("contract.bundle")));
    Matcher m = Pattern.compile("(?m)^info:\\n(?:  .*\\n)*?  version: \"?([^\"\\n]+)\"?$").matcher(bundle);
    assertThat(m.find()).isTrue();
    assertThat(PlatformClient.VERSION).isEqualTo(m.group(1));
    String pom = Files.readString(Path.of(System.getProperty("sdk.readme")).resolveSibling("pom.xml"));
    assertThat(pom).contains("<version>" + m.group(1) + "-SNAPSHOT</version>");
  }
}
