package dev.apiplatform.server.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of one kind (chat rooms, or health-analysis feeds keyed by user), by
 * room. In memory on this instance only: docs/ARCHITECTURE.md says what spanning instances takes.
 */
final class Connections {

  private final Map<String, Set<WsConnection>> byRoom = new ConcurrentHashMap<>();

  void add(WsConnection c) {
    byRoom.computeIfAbsent(c.room(), r -> ConcurrentHashMap.newKeySet()).add(c);
  }

  void remove(WsConnection c) {
    byRoom.computeIfPresent(c.room(), (room, set) -> {
      set.remove(c);
      return set.isEmpty() ? null : set;
    });
  }

  List<WsConnection> in(String room) {
    Set<WsConnection> set = byRoom.get(room);
    return set == null ? List.of() : List.copyOf(set);
  }

  List<WsConnection> all() {
    List<WsConnection> out = new ArrayList<>();
    byRoom.values().forEach(out::addAll);
    return out;
  }

  void broadcast(String room, String text) {
    for (WsConnection c : in(room)) c.send(text);
  }

  boolean isIn(String room, String userId) {
    return in(room).stream().anyMatch(c -> c.userId().equals(userId));
  }

  /** Rooms {@code userId} has a connection in, sorted. */
  List<String> roomsOf(String userId) {
    List<String> rooms = new ArrayList<>();
    byRoom.forEach((room, set) -> {
      if (set.stream().anyMatch(c -> c.userId().equals(userId))) rooms.add(room);
    });
    rooms.sort(null);
    return rooms;
  }

  /** Connections per user in {@code room}, by user id. */
  Map<String, Integer> users(String room) {
    Map<String, Integer> users = new TreeMap<>();
    for (WsConnection c : in(room)) users.merge(c.userId(), 1, Integer::sum);
    return users;
  }

  int size() {
    return byRoom.values().stream().mapToInt(Set::size).sum();
  }
}
