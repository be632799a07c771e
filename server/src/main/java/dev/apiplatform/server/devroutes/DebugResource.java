package dev.apiplatform.server.devroutes;

import dev.apiplatform.server.api.DebugApi;
import dev.apiplatform.server.api.model.DebugHealthDto;
import dev.apiplatform.server.api.model.DebugHealthEnvelopeDto;
import dev.apiplatform.server.api.model.DebugProbeDto;
import dev.apiplatform.server.api.model.DebugSettingsDto;
import dev.apiplatform.server.api.model.DebugSettingsEnvelopeDto;
import dev.apiplatform.server.system.HealthService;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;

/** The dev-only debug routes (registered by {@link DebugGroup} in the dev stage only). */
public final class DebugResource implements DebugApi {

  private final DebugSettings settings;
  private final HealthService health;
  private final Envelope envelope;

  @Context private Provider<ContainerRequestContext> request;

  DebugResource(DebugSettings settings, HealthService health, Envelope envelope) {
    this.settings = settings;
    this.health = health;
    this.envelope = envelope;
  }

  @Override
  public DebugSettingsEnvelopeDto debugConfig() {
    return new DebugSettingsEnvelopeDto(new DebugSettingsDto(DebugSettingsDto.StageEnum.DEV, settings.config()),
        envelope.metadata(request.get()));
  }

  @Override
  public DebugSettingsEnvelopeDto debugAuthInfo() {
    return new DebugSettingsEnvelopeDto(new DebugSettingsDto(DebugSettingsDto.StageEnum.DEV, settings.auth()),
        envelope.metadata(request.get()));
  }

  @Override
  public DebugHealthEnvelopeDto debugHealth() {
    HealthService.Report report = health.check();
    DebugHealthDto data = new DebugHealthDto(report.up() ? DebugHealthDto.StatusEnum.UP : DebugHealthDto.StatusEnum.DOWN,
        report.dependencies().stream().map(DebugResource::probe).toList());
    return new DebugHealthEnvelopeDto(data, envelope.metadata(request.get()));
  }

  private static DebugProbeDto probe(HealthService.DependencyStatus s) {
    DebugProbeDto dto = new DebugProbeDto(s.name(), s.up() ? DebugProbeDto.StatusEnum.UP : DebugProbeDto.StatusEnum.DOWN,
        s.latencyMillis());
    if (s.detail() != null) dto.setDetail(s.detail());
    return dto;
  }
}
