package dev.apiplatform.server.echoes;

import dev.apiplatform.server.api.EchoesApi;
import dev.apiplatform.server.api.model.EchoCreate;
import dev.apiplatform.server.api.model.EchoListResponse;
import dev.apiplatform.server.api.model.EchoResponse;
import dev.apiplatform.server.api.model.Emotion;
import dev.apiplatform.server.api.model.Location;
import dev.apiplatform.server.api.model.PresignedUrlRequest;
import dev.apiplatform.server.api.model.PresignedUrlResponse;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Echoes (seed 002): each operation is one call into {@link EchoesService}. */
public final class EchoesResource implements EchoesApi {

  private final EchoesService echoes;

  @Context private SecurityContext security;

  public EchoesResource(EchoesService echoes) {
    this.echoes = echoes;
  }

  @Override
  public PresignedUrlResponse echoesInitUpload(PresignedUrlRequest body) {
    EchoesService.Upload upload = echoes.initUpload(CurrentUser.require(security).userId(),
        body.getFileExtension().toString(), body.getContentType().toString(), body.getFileSize());
    return new PresignedUrlResponse(upload.url(), upload.echoId(), upload.key(), upload.expiresIn(),
        new java.util.LinkedHashMap<>(upload.requiredHeaders()));
  }

  @Override
  public EchoResponse echoesSave(String echoId, EchoCreate body) {
    Optional<Echo.Location> location = Optional.ofNullable(body.getLocation())
        .map(l -> new Echo.Location(l.getLat(), l.getLng()));
    return toModel(echoes.save(CurrentUser.require(security).userId(), echoId, new EchoesService.Draft(
        body.getEmotion().toString(), Optional.ofNullable(body.getTimestamp()).map(t -> t.toInstant()), location,
        body.getTags() == null ? List.of() : body.getTags(), Optional.ofNullable(body.getTranscript()),
        Optional.ofNullable(body.getDetectedMood()))));
  }

  @Override
  public EchoListResponse echoesList(String emotion, Integer page, Integer pageSize) {
    EchoesService.Listing listing = echoes.list(CurrentUser.require(security).userId(), Optional.ofNullable(emotion),
        page == null ? 1 : page, pageSize == null ? 20 : pageSize);
    EchoListResponse response = new EchoListResponse(listing.echoes().stream().map(this::toModel).toList(),
        listing.total(), listing.page(), listing.pageSize(), listing.hasMore());
    if (listing.hasMore()) response.setNextPage(listing.page() + 1);
    return response;
  }

  @Override
  public EchoResponse echoesRandom(String emotion) {
    return toModel(echoes.random(CurrentUser.require(security).userId(), emotion));
  }

  @Override
  public EchoResponse echoesGet(String echoId) {
    return toModel(echoes.get(CurrentUser.require(security).userId(), echoId));
  }

  @Override
  public void echoesDelete(String echoId) {
    echoes.delete(CurrentUser.require(security).userId(), echoId);
  }

  private EchoResponse toModel(Echo echo) {
    EchoResponse model = new EchoResponse(echo.echoId(), echo.userId(), Emotion.fromValue(echo.emotion()),
        echo.timestamp().atOffset(ZoneOffset.UTC), echo.s3Key(), echoes.s3Url(echo), echo.contentType(), echo.fileSize(),
        new ArrayList<>(echo.tags()), echo.createdAt().atOffset(ZoneOffset.UTC), echoes.playbackUrl(echo),
        (int) EchoesService.PLAYBACK_URL_TTL.toSeconds());
    echo.location().ifPresent(l -> model.setLocation(new Location(l.lat(), l.lng())));
    echo.transcript().ifPresent(model::setTranscript);
    echo.detectedMood().ifPresent(model::setDetectedMood);
    return model;
  }
}
