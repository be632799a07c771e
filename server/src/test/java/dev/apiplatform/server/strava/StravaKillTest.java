package dev.apiplatform.server.strava;

import static dev.apiplatform.server.strava.StravaHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.Platform;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's crash rule with a real {@code kill -9}: a child JVM (stores, queue and platform on
 * one DATA_DIR, the agent not running) answers Strava's webhooks for new activities with 200 and
 * is SIGKILLed ({@code destroyForcibly}) before any agent ran. A platform restarted on the same
 * DATA_DIR finds one queued message per activity (a retry before and after the kill is a
 * duplicate) and renames every activity exactly once: the PUTs are counted at the WireMock
 * Strava, which outlives both processes.
 */
class StravaKillTest {

  static final int ACTIVITIES = 12;
  static final long FIRST_ACTIVITY = 9_100_000;
  static final String READY = "STRAVA-CHILD READY ";

  @TempDir Path dir;

  @Test
  void killedAfterTheWebhooks200_beforeTheAgentRan_restartRenamesEveryActivityExactlyOnce() throws Exception {
    try (StravaHarness h = StravaHarness.remote(dir)) {
      LongStream.range(FIRST_ACTIVITY, FIRST_ACTIVITY + ACTIVITIES).forEach(h::stubActivity);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
          dir.toString(), h.strava.baseUrl()).redirectErrorStream(true).start();
      CompletableFuture<URI> ready = new CompletableFuture<>();
      Thread reader = new Thread(() -> {
        try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith(READY)) ready.complete(URI.create(line.substring(READY.length()).trim()));
          }
        } catch (java.io.IOException ignored) {
          // the child was killed
        }
        ready.completeExceptionally(new AssertionError("the child ended before it was ready"));
      });
      reader.start();
      long athlete = 8_200_001;
      try {
        h.remote = ready.get(180, TimeUnit.SECONDS);
        StravaHarness.User user = h.signUp();
        h.connect(user, "code-kill", athlete, "read,activity:read_all,activity:write");
        for (long id = FIRST_ACTIVITY; id < FIRST_ACTIVITY + ACTIVITIES; id++) {
          JsonNode receipt = json(h.send("POST", "/webhooks/strava", null, h.event("activity", id, "create", "{}", athlete)));
          assertThat(receipt.path("outcome").asText()).isEqualTo("queued");
        }
        // Strava retries a delivery it thinks failed: one retry before the kill is a duplicate
        JsonNode retry = json(h.send("POST", "/webhooks/strava", null,
            h.event("activity", FIRST_ACTIVITY, "create", "{}", athlete)));
        assertThat(retry.path("outcome").asText()).isEqualTo("duplicate");
      } finally {
        child.destroyForcibly(); // SIGKILL right after the last 200: no shutdown hook, no drain
        child.waitFor();
        reader.join();
      }
      assertThat(h.strava.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
          com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))).as("no agent ran before the kill").isEmpty();

      h.startLocal(false); // no agent yet: the queue is counted as the kill left it
      assertThat(h.agentMessages()).as("one message per activity, none for the retry").isEqualTo(ACTIVITIES);
      // Strava retries the first event after the restart as well: its record survived the kill
      JsonNode late = json(h.send("POST", "/webhooks/strava", null,
          h.event("activity", FIRST_ACTIVITY, "create", "{}", athlete)));
      assertThat(late.path("outcome").asText()).isEqualTo("duplicate");
      assertThat(h.agentMessages()).isEqualTo(ACTIVITIES);
      h.platform.close();
      h.platform = h.start(true);
      for (long id = FIRST_ACTIVITY; id < FIRST_ACTIVITY + ACTIVITIES; id++) {
        for (int i = 0; i < 1200 && h.renames(id).isEmpty(); i++) Thread.sleep(100);
        assertThat(h.renames(id)).as("renames of activity %d", id).hasSize(1);
      }
      Thread.sleep(2000); // a second rename (a redelivery, the retried event) would have reached Strava by now
      for (long id = FIRST_ACTIVITY; id < FIRST_ACTIVITY + ACTIVITIES; id++) {
        assertThat(h.renames(id)).as("renames of activity %d after the queue settled", id).hasSize(1);
      }
    }
  }

  /** The JVM that gets killed: the MetaMatic platform on the given DATA_DIR, the agent off. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      EmbeddedAws stores = EmbeddedAws.start(dir.resolve("stores"));
      EmbeddedSqs queues = EmbeddedSqs.start(dir.resolve("queues"));
      Platform platform = Platform.start(StravaHarness.config(dir, args[1], stores, queues, false),
          StravaHarness.groups());
      System.out.println(READY + platform.baseUri());
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
