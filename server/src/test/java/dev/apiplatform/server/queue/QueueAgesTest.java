package dev.apiplatform.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueueAgesTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final QueueAges ages = new QueueAges(clock);

  private ReceivedJob job(String id, Instant sentAt) {
    return new ReceivedJob("q", id, "receipt-" + id, 1, sentAt,
        new JobMessage("test", "key-" + id, "req-" + id, "{}", sentAt));
  }

  @Test
  void oldest_isTheAgeOfTheEarliestSentMessageHeld_andEmptyOnceAllFinished() {
    ReceivedJob older = job("a", clock.instant().minusSeconds(90));
    ReceivedJob newer = job("b", clock.instant().minusSeconds(10));
    ages.received(newer);
    ages.received(older);
    assertThat(ages.oldest("q")).contains(Duration.ofSeconds(90));
    assertThat(ages.oldest("other")).isEmpty();

    ages.finished(older);
    assertThat(ages.oldest("q")).contains(Duration.ofSeconds(10));
    ages.finished(newer);
    assertThat(ages.oldest("q")).isEmpty();
  }

  @Test
  void aRetryingMessage_keepsCounting_untilItsRetryIsOverdue() {
    ReceivedJob failing = job("a", clock.instant().minusSeconds(30));
    ages.received(failing);
    ages.retrying(failing, Duration.ofSeconds(40));
    clock.advance(Duration.ofSeconds(40));
    assertThat(ages.oldest("q")).as("still due back").contains(Duration.ofSeconds(70));

    // received again: held, however long the attempt takes
    ages.received(failing);
    clock.advance(Duration.ofMinutes(5));
    assertThat(ages.oldest("q")).contains(Duration.ofSeconds(370));

    ages.retrying(failing, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(11));
    assertThat(ages.oldest("q")).as("another process took it over, or it is done").isEmpty();
  }
}
