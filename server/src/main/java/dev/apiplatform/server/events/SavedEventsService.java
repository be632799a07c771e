package dev.apiplatform.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.domain.Conflict;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.domain.NotPermitted;
import dev.apiplatform.server.identity.AccountGone;
import dev.apiplatform.server.identity.store.SavedEvent;
import dev.apiplatform.server.identity.store.StaleUserException;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.identity.store.UserStore;
import dev.apiplatform.server.identity.store.UserNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Motion's saved events on the caller's user item: every change is read, changed, written on
 * the version read; a write that lost the race is redone on the new list (up to 8 times), so
 * concurrent saves by one user lose nothing.
 */
final class SavedEventsService {

  static final int MAX_SAVED = 500;
  private static final int ATTEMPTS = 8;

  private final UserStore users;
  private final EventsService events;

  SavedEventsService(UserStore users, EventsService events) {
    this.users = users;
    this.events = events;
  }

  /** The caller, after checking that a given {@code email} is theirs. */
  User caller(String userId, String email) {
    User user = users.findById(userId).orElseThrow(AccountGone::new);
    if (email != null && !user.email().map(e -> e.equalsIgnoreCase(email.strip())).orElse(false)) {
      throw new NotPermitted("email must be the caller's own address");
    }
    return user;
  }

  List<SavedEvent> list(String userId) {
    return users.findSavedEvents(userId).map(SavedEvent.SavedList::events).orElseThrow(AccountGone::new);
  }

  List<SavedEvent> saveMotion(String userId, String eventId) {
    if (eventId == null) throw new InvalidField("body.eventId", "is required for motion events", "required");
    if (!events.exists(eventId)) throw new NotFound("No event with id '" + eventId + "'");
    return change(userId, list -> add(list, new SavedEvent(eventId, "motion")));
  }

  List<SavedEvent> saveAi(String userId, Optional<String> givenId, JsonNode event) {
    if (event == null || event.isNull()) throw new InvalidField("body.event", "is required for ai events", "required");
    String id = givenId.orElseGet(() -> UUID.randomUUID().toString());
    events.saveAiEvent(id, event);
    return change(userId, list -> add(list, new SavedEvent(id, "ai")));
  }

  /** @return the list after, and whether the pair was there */
  record Removed(List<SavedEvent> events, boolean found) {}

  Removed remove(String userId, String eventId, Optional<String> source) {
    boolean[] found = {false};
    List<SavedEvent> after = change(userId, list -> {
      List<SavedEvent> out = new ArrayList<>();
      found[0] = false;
      for (SavedEvent e : list) {
        if (!found[0] && e.eventId().equals(eventId) && source.map(e.source()::equals).orElse(true)) {
          found[0] = true;
        } else {
          out.add(e);
        }
      }
      return out;
    });
    return new Removed(after, found[0]);
  }

  private static List<SavedEvent> add(List<SavedEvent> list, SavedEvent e) {
    if (list.contains(e)) return list;
    if (list.size() >= MAX_SAVED) throw new InvalidField("body.eventId", "at most 500 saved events", "max");
    List<SavedEvent> out = new ArrayList<>(list);
    out.add(e);
    return out;
  }

  private List<SavedEvent> change(String userId, UnaryOperator<List<SavedEvent>> edit) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      SavedEvent.SavedList now = users.findSavedEvents(userId).orElseThrow(AccountGone::new);
      List<SavedEvent> next = edit.apply(now.events());
      if (next.equals(now.events())) return next;
      try {
        users.replaceSavedEvents(userId, next, now.version());
        return next;
      } catch (StaleUserException e) {
        // another write to this user came first: redo the edit on what it wrote
      } catch (UserNotFoundException e) {
        throw new AccountGone();
      }
    }
    throw new Conflict("The saved list changed concurrently too often; retry");
  }
}
