package dev.apiplatform.server.echoes;

import dev.apiplatform.server.api.EchoesApi;
import dev.apiplatform.server.api.model.EchoCreateDto;
import dev.apiplatform.server.api.model.EchoListResponseDto;
import dev.apiplatform.server.api.model.EchoResponseDto;
import dev.apiplatform.server.api.model.EmotionDto;
import dev.apiplatform.server.api.model.LocationDto;
import dev.apiplatform.server.api.model.PresignedUrlRequestDto;
import dev.apiplatform.server.api.model.PresignedUrlResponseDto;
import dev.apiplatform.server.security.CurrentUser;
import dev.apiplatform.server.http.RequestLogFilter;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
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
  // a Provider: the resource is a singleton, the request is not
  @Context private Provider<ContainerRequestContext> request;

  public EchoesResource(EchoesService echoes) {
    this.echoes = echoes;
  }

  @Override
  public PresignedUrlResponseDto echoesInitUpload(PresignedUrlRequestDto body) {
    EchoesService.Upload upload = echoes.initUpload(CurrentUser.require(security).userId(),
        body.getFileExtension().toString(), body.getContentType().toString(), body.getFileSize(),
        RequestLogFilter.requestId(request.get()));
    return new PresignedUrlResponseDto(upload.url(), upload.echoId(), upload.key(), upload.expiresIn(),
        new java.util.LinkedHashMap<>(upload.requiredHeaders()));
  }

  @Override
  public EchoResponseDto echoesSave(String echoId, EchoCreateDto body) {
    Optional<Echo.Location> location = Optional.ofNullable(body.getLocation())
        .map(l -> new Echo.Location(l.getLat(), l.getLng()));
    return toModel(echoes.save(CurrentUser.require(security).userId(), echoId, new EchoesService.Draft(
        body.getEmotion().toString(), Optional.ofNullable(body.getTimestamp()).map(t -> t.toInstant()), location,
        body.getTags() == null ? List.of() : body.getTags(), Optional.ofNullable(body.getTranscript()),
        Optional.ofNullable(body.getDetectedMood()))));
  }

  @Override
  public EchoListResponseDto echoesList(String emotion, Integer page, Integer pageSize) {
    EchoesService.Listing listing = echoes.list(CurrentUser.require(security).userId(), Optional.ofNullable(emotion),
        page == null ? 1 : page, pageSize == null ? 20 : pageSize);
    EchoListResponseDto response = new EchoListResponseDto(listing.echoes().stream().map(this::toModel).toList(),
        listing.total(), listing.page(), listing.pageSize(), listing.hasMore());
    if (listing.hasMore()) response.setNextPage(listing.page() + 1);
    return response;
  }

  @Override
  public EchoResponseDto echoesRandom(String emotion) {
    return toModel(echoes.random(CurrentUser.require(security).userId(), emotion));
  }

  @Override
  public EchoResponseDto echoesGet(String echoId) {
    return toModel(echoes.get(CurrentUser.require(security).userId(), echoId));
  }

  @Override
  public void echoesDelete(String echoId) {
    echoes.delete(CurrentUser.require(security).userId(), echoId);
  }

  private EchoResponseDto toModel(Echo echo) {
    EchoResponseDto model = new EchoResponseDto(echo.echoId(), echo.userId(), EmotionDto.fromValue(echo.emotion()),
        echo.timestamp().atOffset(ZoneOffset.UTC), echo.s3Key(), echoes.s3Url(echo), echo.contentType(), echo.fileSize(),
        new ArrayList<>(echo.tags()), echo.createdAt().atOffset(ZoneOffset.UTC), echoes.playbackUrl(echo),
        (int) EchoesService.PLAYBACK_URL_TTL.toSeconds());
    echo.location().ifPresent(l -> model.setLocation(new LocationDto(l.lat(), l.lng())));
    echo.transcript().ifPresent(model::setTranscript);
    echo.detectedMood().ifPresent(model::setDetectedMood);
    return model;
  }
}
