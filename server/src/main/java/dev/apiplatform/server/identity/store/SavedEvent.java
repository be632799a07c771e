package dev.apiplatform.server.identity.store;

import java.util.List;
import java.util.Objects;

/**
 * One saved event of a user (Motion, seed 001): an event id and where it lives ({@code motion}
 * or {@code ai}). Kept on the user item, so sign-in and the users group read the same list.
 */
public record SavedEvent(String eventId, String source) {

  public SavedEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(source, "source");
  }

  /** A user's saved list as stored, with the user version it was read at (for the conditional write). */
  public record SavedList(List<SavedEvent> events, long version) {
    public SavedList {
      events = List.copyOf(events);
    }
  }
}
