package dev.apiplatform.server.ws;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.domain.DomainException;
import dev.apiplatform.server.insights.Insight;
import dev.apiplatform.server.insights.InsightsResource;
import dev.apiplatform.server.insights.InsightsService;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.jobs.JobRecords;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two channels share: the open connections (chat rooms, health-analysis feeds), the
 * rules for client frames (validated, rate-limited, answered in the room), the heartbeat and idle
 * sweeper, and the job feed ({@link JobRecords.Listener}: a job's owner's feeds get each change).
 */
final class WsHub implements JobRecords.Listener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WsHub.class);

  private final Connections rooms = new Connections();
  private final Connections feeds = new Connections();
  private final WsSettings settings;
  private final InsightsService insights;
  private final Clock clock;
  private final ExecutorService insightWork;
  private final ScheduledExecutorService sweeper;
  private volatile Instant lastHeartbeat;

  WsHub(WsSettings settings, InsightsService insights, Clock clock) {
    this.settings = settings;
    this.insights = insights;
    this.clock = clock;
    this.lastHeartbeat = clock.instant();
    // model calls take seconds: never on the connection's I/O thread; bounded, so a flood waits
    this.insightWork = Executors.newFixedThreadPool(2, daemon("ws-insight"));
    this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("ws-sweeper"));
    long every = settings.sweepEvery().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  Connections rooms() {
    return rooms;
  }

  Connections feeds() {
    return feeds;
  }

  void joined(WsConnection c) {
    rooms.add(c);
    rooms.broadcast(c.room(), Frames.message(clock, "SYSTEM", Frames.SYSTEM_USER, c.userId() + " joined " + c.room()));
  }

  void left(WsConnection c) {
    rooms.remove(c);
    rooms.broadcast(c.room(), Frames.message(clock, "SYSTEM", Frames.SYSTEM_USER, c.userId() + " left " + c.room()));
  }

  void followed(WsConnection c) {
    feeds.add(c);
    c.send(Frames.message(clock, "SYSTEM", Frames.SYSTEM_USER, "Following job status changes of " + c.userId()));
  }

  void unfollowed(WsConnection c) {
    feeds.remove(c);
  }

  /** A chat frame: checked, then fanned out to the room, answered to its sender, or refused. */
  void onChat(WsConnection c, String text) {
    Optional<Frames.ClientFrame> frame = admit(c, text);
    if (frame.isEmpty()) return;
    Frames.ClientFrame f = frame.get();
    switch (f.type()) {
      case "MESSAGE", "TYPING" -> rooms.broadcast(c.room(), Frames.message(clock, f.type(), c.userId(), f.content()));
      case "HEARTBEAT" -> c.send(Frames.message(clock, "HEARTBEAT", Frames.SYSTEM_USER, null));
      case "HEALTH_INSIGHT" -> askInsights(c, f);
      default -> c.send(Frames.error(clock, "invalid_frame", "unexpected type " + f.type()));
    }
  }

  /** A health-analysis frame: only HEARTBEAT has a meaning there. */
  void onFeed(WsConnection c, String text) {
    Optional<Frames.ClientFrame> frame = admit(c, text);
    if (frame.isEmpty()) return;
    if (frame.get().type().equals("HEARTBEAT")) {
      c.send(Frames.message(clock, "HEARTBEAT", Frames.SYSTEM_USER, null));
    } else {
      c.send(Frames.error(clock, "invalid_frame", "this channel accepts HEARTBEAT only"));
    }
  }

  void refuseBinary(WsConnection c) {
    c.heard();
    c.send(Frames.error(clock, "invalid_frame", "frames are JSON text, not binary"));
  }

  private Optional<Frames.ClientFrame> admit(WsConnection c, String text) {
    c.heard();
    if (!c.allow(settings.messagesPerMinute())) {
      c.send(Frames.error(clock, "rate_limited", "more than " + settings.messagesPerMinute()
          + " messages this minute; this one was dropped"));
      return Optional.empty();
    }
    try {
      return Optional.of(Frames.parse(text, c.userId()));
    } catch (Frames.Refused refused) {
      c.send(Frames.error(clock, refused.code, refused.getMessage()));
      return Optional.empty();
    }
  }

  private void askInsights(WsConnection c, Frames.ClientFrame f) {
    InsightsService.Request request = new InsightsService.Request(f.analysisResults(), f.analysisIds(),
        f.insightType(), true, "en", Optional.ofNullable(f.content()).filter(s -> !s.isBlank()));
    try {
      insightWork.execute(() -> {
        try {
          Insight insight = insights.generate(c.userId(), request);
          rooms.broadcast(c.room(), Frames.withData(clock, "HEALTH_INSIGHT", c.userId(), insight.narrative(),
              InsightsResource.dto(insight)));
        } catch (ApiException e) {
          c.send(Frames.error(clock, "insight_failed", e.toProblem().detail()));
        } catch (dev.apiplatform.server.domain.InvalidField e) {
          c.send(Frames.error(clock, "insight_failed", e.field() + " " + e.message()));
        } catch (DomainException e) {
          c.send(Frames.error(clock, "insight_failed", e.detail()));
        } catch (RuntimeException e) {
          LOG.warn("HEALTH_INSIGHT for a room message failed", e);
          c.send(Frames.error(clock, "insight_failed", "the insight could not be generated; try again"));
        }
      });
    } catch (RejectedExecutionException e) {
      c.send(Frames.error(clock, "insight_failed", "the server is stopping"));
    }
  }

  @Override
  public void changed(JobRecord job) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("job_id", job.jobId());
    data.put("kind", job.kind());
    data.put("status", job.status().name());
    data.put("updated_at", job.updatedAt().toString());
    feeds.broadcast(job.ownerId(), Frames.withData(clock, "SYSTEM", Frames.SYSTEM_USER, "job status", data));
  }

  int connections() {
    return rooms.size() + feeds.size();
  }

  private void sweep() {
    try {
      Instant now = clock.instant();
      Instant idleCutoff = now.minus(settings.idleTimeout());
      boolean beat = !now.isBefore(lastHeartbeat.plus(settings.heartbeat()));
      if (beat) lastHeartbeat = now;
      String heartbeat = Frames.message(clock, "HEARTBEAT", Frames.SYSTEM_USER, null);
      for (Connections kind : new Connections[] {rooms, feeds}) {
        for (WsConnection c : kind.all()) {
          if (c.idleSince(idleCutoff)) {
            c.close(CloseReason.CloseCodes.GOING_AWAY, "idle timeout");
          } else if (beat) {
            c.send(heartbeat);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("WebSocket sweep failed", e);
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    insightWork.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }
}
