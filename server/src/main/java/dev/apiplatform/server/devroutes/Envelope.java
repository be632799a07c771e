package dev.apiplatform.server.devroutes;

import dev.apiplatform.server.api.model.ResponseMetadataDto;
import dev.apiplatform.server.http.RequestLogFilter;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Seed 003's {@code metadata} block, as every Clarity Loop group of issue 13 (test, debug,
 * insights, ws) answers it: the request id, now, the answering service, the build version.
 */
public final class Envelope {

  private final Clock clock;
  private final String service;
  private final String version;

  public Envelope(Clock clock, String service, String version) {
    this.clock = clock;
    this.service = service;
    this.version = version;
  }

  public ResponseMetadataDto metadata(ContainerRequestContext request) {
    return new ResponseMetadataDto(RequestLogFilter.requestId(request), clock.instant().atOffset(ZoneOffset.UTC),
        service, version, RequestLogFilter.elapsedMillis(request));
  }
}
