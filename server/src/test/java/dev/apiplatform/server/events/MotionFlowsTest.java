package dev.apiplatform.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.auth.AuthGroup;
import dev.apiplatform.server.system.SystemGroup;
import dev.apiplatform.server.testing.EmbeddedPlatform;
import dev.apiplatform.server.testing.MotionClient;
import dev.apiplatform.server.testing.MotionClient.Account;
import dev.apiplatform.server.testing.MotionClient.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 001's users and events flows over HTTP with the bearer token, on embedded stores. */
class MotionFlowsTest {

  @RegisterExtension
  static final EmbeddedPlatform stores = new EmbeddedPlatform();
  private static MotionClient motion;

  @BeforeAll
  static void start() throws Exception {
    Platform platform = stores.platform(Map.of("CODE_RESEND_INTERVAL_SECONDS", "1", "CODES_PER_HOUR", "1000",
            "AUTH_REQUESTS_PER_MINUTE", "100000"),
        List.of(new SystemGroup(), new AuthGroup(), new UsersGroup(), new EventsGroup()));
    motion = new MotionClient(platform.baseUri());
  }

  static Res call(String method, String path, String token, Object body) throws Exception {
    return motion.call(method, path, token, body);
  }

  static Account signUp() throws Exception {
    return motion.signUp();
  }

  static String createEvent(String token, double lat, double lng, String start, String end) throws Exception {
    Res r = call("POST", "/events", token, Map.of("name", "City Market", "dateTime", start, "endDateTime", end,
        "coordinates", Map.of("lat", lat, "lng", lng), "tags", List.of("community", "market")));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    assertThat(r.body().path("message").asText()).isEqualTo("Event created");
    return r.body().path("eventId").asText();
  }

  @Test
  void createdEvent_isReadable_listedByItsOrganizer_andFoundBySearch() throws Exception {
    Account a = signUp();
    String id = createEvent(a.token(), 34.0736, -84.2814, "2025-10-01T15:00:00-04:00", "2025-10-01T20:00:00-04:00");
    Res got = call("GET", "/events/" + id, null, null);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body().path("event").path("createdByEmail").asText()).isEqualTo(a.email());
    assertThat(got.body().path("event").path("dateTime").asText()).startsWith("2025-10-01T19:00");
    Res mine = call("GET", "/events/by-user?email=" + a.email(), null, null);
    assertThat(mine.body().path("count").asInt()).isEqualTo(1);
    // GSIs are eventually consistent; DynamoDB Local answers at once
    Res found = call("GET", "/events/search?lat=34.08&lng=-84.29&radiusMiles=5&date=2025-10-01&time=18:00", null, null);
    assertThat(found.status()).as(found.body().toString()).isEqualTo(200);
    assertThat(ids(found.body())).contains(id);
    assertThat(found.body().path("timeRange").path("start").asText()).startsWith("2025-10-01T18:00");
    assertThat(found.body().path("items").get(0).path("distanceMiles").asDouble()).isLessThan(5);
    Res elsewhere = call("GET", "/events/search?lat=40.7&lng=-74.0&date=2025-10-01", null, null);
    assertThat(ids(elsewhere.body())).doesNotContain(id);
    Res otherTag = call("GET", "/events/search?lat=34.08&lng=-84.29&date=2025-10-01&tags=opera", null, null);
    assertThat(ids(otherTag.body())).doesNotContain(id);
  }

  @Test
  void searchByCity_geocodesOffline_andAnUnknownPlaceIs400NamingIt() throws Exception {
    Account a = signUp();
    String id = createEvent(a.token(), 34.0754, -84.2941, "2025-11-03T10:00:00Z", "2025-11-03T12:00:00Z");
    Res byCity = call("GET", "/events/search?city=Alpharetta&state=GA&date=2025-11-03&radiusMiles=10", null, null);
    assertThat(byCity.status()).as(byCity.body().toString()).isEqualTo(200);
    assertThat(ids(byCity.body())).contains(id);
    Res unknown = call("GET", "/events/search?city=Nowhereville&state=ZZ&date=2025-11-03", null, null);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().toString()).contains("Nowhereville");
  }

  @Test
  void searchPages_withACursor_returnEveryEventOnce() throws Exception {
    Account a = signUp();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(createEvent(a.token(), -33.86 + i * 0.001, 151.2, "2026-02-0" + (i + 1) + "T10:00:00Z",
          "2026-02-0" + (i + 1) + "T11:00:00Z"));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Res page = call("GET", "/events/search?lat=-33.86&lng=151.2&startTime=2026-02-01T00:00:00Z"
          + "&endTime=2026-02-10T00:00:00Z&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), null, null);
      assertThat(page.status()).isEqualTo(200);
      seen.addAll(ids(page.body()));
      cursor = page.body().has("nextCursor") ? page.body().path("nextCursor").asText() : null;
    } while (cursor != null);
    assertThat(seen).containsExactlyElementsOf(made);
  }

  @Test
  void badSearches_are400Problems() throws Exception {
    assertThat(call("GET", "/events/search?date=2025-10-01", null, null).status()).isEqualTo(400);
    assertThat(call("GET", "/events/search?lat=34&lng=-84&radiusMiles=500", null, null).status()).isEqualTo(400);
    assertThat(call("GET", "/events/search?lat=34&lng=-84&startTime=2025-01-01T00:00:00Z&endTime=2025-06-01T00:00:00Z",
        null, null).status()).isEqualTo(400);
    assertThat(call("GET", "/events/search?lat=34&lng=-84&cursor=bm9wZQ", null, null).status()).isEqualTo(400);
    assertThat(call("GET", "/events/by-user?email=a@example.com&limit=1001", null, null).status()).isEqualTo(400);
    assertThat(call("GET", "/events/nope-404", null, null).status()).isEqualTo(404);
    assertThat(call("GET", "/ai-events/nope-404", null, null).status()).isEqualTo(404);
  }

  @Test
  void createEvent_needsAToken_andAPlace_andItsOrganizerIsAlwaysTheCaller() throws Exception {
    Map<String, Object> body = Map.of("name", "X", "dateTime", "2025-10-01T15:00:00Z", "endDateTime",
        "2025-10-01T16:00:00Z", "coordinates", Map.of("lat", 1, "lng", 1));
    assertThat(call("POST", "/events", null, body).status()).isEqualTo(401);
    Account a = signUp();
    Res other = call("POST", "/events", a.token(), Map.of("name", "X", "dateTime", "2025-10-01T15:00:00Z",
        "endDateTime", "2025-10-01T16:00:00Z", "createdByEmail", "someone@example.com",
        "coordinates", Map.of("lat", 1, "lng", 1)));
    assertThat(other.status()).isEqualTo(201);
    assertThat(call("GET", "/events/" + other.body().path("eventId").asText(), null, null).body()
        .path("event").path("createdByEmail").asText()).isEqualTo(a.email());
    Res notAnEmail = call("POST", "/events", a.token(), Map.of("name", "X", "dateTime", "2025-10-01T15:00:00Z",
        "endDateTime", "2025-10-01T16:00:00Z", "createdByEmail", "", "coordinates", Map.of("lat", 1, "lng", 1)));
    assertThat(notAnEmail.status()).isEqualTo(400);
    assertThat(notAnEmail.body().toString()).contains("createdByEmail");
    Res noPlace = call("POST", "/events", a.token(), Map.of("name", "X", "dateTime", "2025-10-01T15:00:00Z",
        "endTime", 1759334400L));
    assertThat(noPlace.status()).isEqualTo(400);
    Res backwards = call("POST", "/events", a.token(), Map.of("name", "X", "dateTime", "2025-10-01T15:00:00Z",
        "endDateTime", "2025-10-01T14:00:00Z", "coordinates", Map.of("lat", 1, "lng", 1)));
    assertThat(backwards.status()).isEqualTo(400);
    Res byZip = call("POST", "/events", a.token(), Map.of("name", "X", "dateTime", "2025-10-01T15:00:00Z",
        "endTime", 1759341600L, "location", Map.of("zip", "30009")));
    assertThat(byZip.status()).as(byZip.body().toString()).isEqualTo(201);
  }

  @Test
  void savedEvents_motionAndAi_showInProfileSigninAndList_andRemove() throws Exception {
    Account a = signUp();
    String id = createEvent(a.token(), 34.0736, -84.2814, "2025-10-01T15:00:00-04:00", "2025-10-01T20:00:00-04:00");
    Res saved = call("POST", "/users/saved-events", a.token(), Map.of("email", a.email(), "source", "motion",
        "eventId", id));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.body().path("message").asText()).isEqualTo("Event saved");
    Res ai = call("POST", "/users/saved-events", a.token(), Map.of("source", "ai", "event", Map.of(
        "title", "Downtown Art Walk", "start_date", "2025-10-02", "timezone", "America/New_York",
        "source_url", "https://example.com/events/art-walk")));
    assertThat(ai.status()).as(ai.body().toString()).isEqualTo(200);
    String aiId = ai.body().path("savedEvents").get(1).path("eventId").asText();
    assertThat(call("GET", "/ai-events/" + aiId, null, null).body().path("event").path("title").asText())
        .isEqualTo("Downtown Art Walk");
    Res profile = call("GET", "/users/profile", a.token(), null);
    assertThat(profile.body().path("profile").path("savedEvents")).hasSize(2);
    Res signin = call("POST", "/auth/signin", null, Map.of("email", a.email(), "password", a.password()));
    assertThat(signin.body().path("user").path("savedEvents")).isEqualTo(profile.body().path("profile").path("savedEvents"));
    Res list = call("GET", "/users/saved-events?email=" + a.email(), a.token(), null);
    assertThat(list.body().path("count").asInt()).isEqualTo(2);
    assertThat(list.body().path("items").get(0).path("event").path("name").asText()).isEqualTo("City Market");
    assertThat(list.body().path("items").get(1).path("event").path("title").asText()).isEqualTo("Downtown Art Walk");
    Res removed = call("DELETE", "/users/saved-events", a.token(), Map.of("eventId", id, "source", "motion"));
    assertThat(removed.body().path("message").asText()).isEqualTo("Event removed");
    assertThat(removed.body().path("savedEvents")).hasSize(1);
    Res absent = call("DELETE", "/users/saved-events", a.token(), Map.of("eventId", id));
    assertThat(absent.status()).isEqualTo(200);
    assertThat(absent.body().path("message").asText()).isEqualTo("Event not found in saved list");
    Res missing = call("POST", "/users/saved-events", a.token(), Map.of("source", "motion", "eventId", "no-such"));
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void concurrentSaves_byOneUser_loseNothing() throws Exception {
    Account a = signUp();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) ids.add(createEvent(a.token(), 10, 10, "2025-10-01T15:00:00Z", "2025-10-01T16:00:00Z"));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Res>> results = new ArrayList<>();
      for (String id : ids) {
        results.add(pool.submit(() -> call("POST", "/users/saved-events", a.token(),
            Map.of("source", "motion", "eventId", id))));
      }
      for (Future<Res> r : results) assertThat(r.get().status()).isEqualTo(200);
    } finally {
      pool.shutdown();
    }
    JsonNode saved = call("GET", "/users/profile", a.token(), null).body().path("profile").path("savedEvents");
    List<String> savedIds = new ArrayList<>();
    saved.forEach(s -> savedIds.add(s.path("eventId").asText()));
    assertThat(savedIds).containsExactlyInAnyOrderElementsOf(ids);
  }

  /** Every /users/* route: no token 401, another user's email 403, own email or none 200. */
  @Test
  void ownershipMatrix_everyUsersRoute() throws Exception {
    Account a = signUp();
    Account b = signUp();
    String id = createEvent(a.token(), 1, 1, "2025-10-01T15:00:00Z", "2025-10-01T16:00:00Z");
    String[][] reads = {{"GET", "/users/profile"}, {"GET", "/users/saved-events"}};
    for (String[] r : reads) {
      assertThat(call(r[0], r[1], null, null).status()).isEqualTo(401);
      assertThat(call(r[0], r[1] + "?email=" + b.email(), a.token(), null).status()).isEqualTo(403);
      assertThat(call(r[0], r[1] + "?email=" + a.email(), a.token(), null).status()).isEqualTo(200);
      assertThat(call(r[0], r[1], a.token(), null).status()).isEqualTo(200);
    }
    for (String method : List.of("POST", "DELETE")) {
      assertThat(call(method, "/users/saved-events", null, Map.of("source", "motion", "eventId", id)).status())
          .isEqualTo(401);
      assertThat(call(method, "/users/saved-events", a.token(), Map.of("email", b.email(), "source", "motion",
          "eventId", id)).status()).isEqualTo(403);
      assertThat(call(method, "/users/saved-events", a.token(), Map.of("email", a.email(), "source", "motion",
          "eventId", id)).status()).isEqualTo(200);
    }
    // b's list is untouched by a's writes
    assertThat(call("GET", "/users/profile", b.token(), null).body().path("profile").path("savedEvents")).isEmpty();
  }

  @Test
  void searchAi_withoutAnLlm_is503NamingTheSetting() throws Exception {
    Account a = signUp();
    Res r = call("GET", "/events/search-ai?lat=34.07&lng=-84.28&start_date=2025-10-02&end_date=2025-10-05"
        + "&timezone=America/New_York", a.token(), null);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body().path("detail").asText()).contains("GEMINI_API_KEY");
    assertThat(call("GET", "/events/search-ai?start_date=2025-10-02&end_date=2025-10-05&timezone=UTC", null, null)
        .status()).isEqualTo(401);
  }

  private static List<String> ids(JsonNode search) {
    List<String> out = new ArrayList<>();
    search.path("items").forEach(i -> out.add(i.path("eventId").asText()));
    return out;
  }
}
