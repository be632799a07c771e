package dev.apiplatform.server.ws;

import dev.apiplatform.server.api.WsApi;
import dev.apiplatform.server.api.model.ChatStatsDto;
import dev.apiplatform.server.api.model.ChatStatsEnvelopeDto;
import dev.apiplatform.server.api.model.ChatUsersDto;
import dev.apiplatform.server.api.model.ChatUsersEnvelopeDto;
import dev.apiplatform.server.api.model.RoomStatsDto;
import dev.apiplatform.server.api.model.RoomUserDto;
import dev.apiplatform.server.devroutes.Envelope;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The chat lookups (only rooms the caller has a connection in) and the AsyncAPI document. */
public final class WsResource implements WsApi {

  private final Connections rooms;
  private final String asyncApi;
  private final Envelope envelope;

  @Context private SecurityContext security;
  @Context private Provider<ContainerRequestContext> request;

  WsResource(Connections rooms, String asyncApi, Envelope envelope) {
    this.rooms = rooms;
    this.asyncApi = asyncApi;
    this.envelope = envelope;
  }

  @Override
  public ChatStatsEnvelopeDto wsChatStats() {
    String caller = CurrentUser.require(security).userId();
    List<RoomStatsDto> stats = rooms.roomsOf(caller).stream()
        .map(room -> new RoomStatsDto(room, rooms.in(room).size(), rooms.users(room).size()))
        .filter(s -> s.getConnections() > 0)
        .toList();
    int total = stats.stream().mapToInt(RoomStatsDto::getConnections).sum();
    return new ChatStatsEnvelopeDto(new ChatStatsDto(stats, total), envelope.metadata(request.get()));
  }

  @Override
  public ChatUsersEnvelopeDto wsChatUsers(String roomId) {
    String caller = CurrentUser.require(security).userId();
    // another room is the same 404 as an empty one: who talks where is not for outsiders
    if (!rooms.isIn(roomId, caller)) throw new NotFound("You have no connection in room '" + roomId + "'");
    List<RoomUserDto> users = rooms.users(roomId).entrySet().stream()
        .map(e -> new RoomUserDto(e.getKey(), e.getValue())).toList();
    return new ChatUsersEnvelopeDto(new ChatUsersDto(roomId, users), envelope.metadata(request.get()));
  }

  @Override
  public String wsGetAsyncApi() {
    return asyncApi;
  }
}
