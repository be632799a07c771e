package dev.apiplatform.server.events;

import dev.apiplatform.server.api.UsersApi;
import dev.apiplatform.server.api.model.*;
import dev.apiplatform.server.identity.store.SavedEvent;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Motion's /users: the caller only (a given {@code email} must be theirs); one service call each. */
public final class UsersResource implements UsersApi {

  private final SavedEventsService saved;
  private final EventsService events;

  @Context private SecurityContext security;
  @Context private jakarta.ws.rs.core.UriInfo uri;

  UsersResource(SavedEventsService saved, EventsService events) {
    this.saved = saved;
    this.events = events;
  }

  @Override
  public UserProfileEnvelopeDto usersGetProfile(String email) {
    QueryChecks.singleValued(uri);
    User user = saved.caller(CurrentUser.require(security).userId(), email);
    MotionProfileDto p = new MotionProfileDto();
    p.setEmail(user.email().orElse(""));
    p.setCognitoSub(user.userId());
    p.setIsVerified(user.emailVerified());
    p.setSavedEvents(refs(saved.list(user.userId())));
    p.setCreatedAt(user.createdAt().atOffset(ZoneOffset.UTC));
    p.setUpdatedAt(user.updatedAt().atOffset(ZoneOffset.UTC));
    return new UserProfileEnvelopeDto(p);
  }

  @Override
  public SavedEventListDto usersListSavedEvents(String email) {
    QueryChecks.singleValued(uri);
    User user = saved.caller(CurrentUser.require(security).userId(), email);
    List<SavedEventDetailDto> items = new ArrayList<>();
    for (SavedEvent e : saved.list(user.userId())) {
      SavedEventDetailDto d = new SavedEventDetailDto(e.eventId(), SavedEventDetailDto.SourceEnum.fromValue(e.source()));
      Optional<Object> event = "motion".equals(e.source())
          ? Optional.ofNullable(events.exists(e.eventId()) ? EventsResource.toDto(events.get(e.eventId()), null) : null)
          : events.aiEvent(e.eventId()).map(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n)
              .put("eventId", e.eventId()));
      event.ifPresent(v -> d.setEvent(asMap(v)));
      items.add(d);
    }
    return new SavedEventListDto(items.size(), items);
  }

  @Override
  public SavedEventsResponseDto usersSaveEvent(SaveEventRequestDto body) {
    String userId = saved.caller(CurrentUser.require(security).userId(), body.getEmail()).userId();
    List<SavedEvent> after = body.getSource() == SaveEventRequestDto.SourceEnum.MOTION
        ? saved.saveMotion(userId, body.getEventId())
        : saved.saveAi(userId, Optional.ofNullable(body.getEventId()),
            body.getEvent() == null ? null : EventsResource.JSON.valueToTree(body.getEvent()));
    return new SavedEventsResponseDto("Event saved", refs(after));
  }

  @Override
  public SavedEventsResponseDto usersRemoveSavedEvent(RemoveSavedEventRequestDto body) {
    String userId = saved.caller(CurrentUser.require(security).userId(), body.getEmail()).userId();
    SavedEventsService.Removed r = saved.remove(userId, body.getEventId(),
        Optional.ofNullable(body.getSource()).map(RemoveSavedEventRequestDto.SourceEnum::value));
    return new SavedEventsResponseDto(r.found() ? "Event removed" : "Event not found in saved list", refs(r.events()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return EventsResource.JSON.convertValue(value, Map.class);
  }

  private static List<SavedEventRefDto> refs(List<SavedEvent> events) {
    return new ArrayList<>(events.stream()
        .map(e -> new SavedEventRefDto(e.eventId(), SavedEventRefDto.SourceEnum.fromValue(e.source()))).toList());
  }

}
