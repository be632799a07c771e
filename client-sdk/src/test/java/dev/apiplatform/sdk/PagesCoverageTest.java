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

  /** Every generated API class (one per tag): a new group cannot escape the check. */
  private static List<String> groups() throws Exception {
    java.net.URL dir = Class.forName("dev.apiplatform.client.api.ItemsApi").getResource(".");
    List<String> groups = new ArrayList<>();
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.matches("[A-Za-z]+Api\\.class"))
          .forEach(n -> groups.add(n.substring(0, n.length() - "Api.class".length())));
    }
    return groups;
  }

  @Test
  void everyOperationTakingACursorOrPageNumber_hasAPagesMethod() throws Exception {
    List<String> paged = new ArrayList<>();
    List<String> groups = groups();
    assertThat(groups).contains("Items", "Events", "Insights", "HealthData");
    for (String group : groups) {
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
    // proves the scan sees parameter names (compiled with -parameters) and finds the known ones
    assertThat(paged).contains("itemsList", "offersList", "echoesList", "eventsSearch", "insightsHistory",
        "healthDataList");
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
