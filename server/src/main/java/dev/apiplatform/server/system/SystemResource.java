package dev.apiplatform.server.system;

import dev.apiplatform.server.api.SystemApi;
import dev.apiplatform.server.api.model.DependencyHealthDto;
import dev.apiplatform.server.api.model.HealthDto;
import dev.apiplatform.server.api.model.LivenessDto;
import dev.apiplatform.server.api.model.QueueHealthDto;
import dev.apiplatform.server.api.model.ServiceInfoDto;
import dev.apiplatform.server.api.model.ServiceLinksDto;
import dev.apiplatform.server.http.Contract;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The system group: maps each operation to one call, nothing else. */
public final class SystemResource implements SystemApi {

  private final Contract contract;
  private final HealthService health;
  private final String version;

  public SystemResource(Contract contract, HealthService health, String version) {
    this.contract = contract;
    this.health = health;
    this.version = version;
  }

  @Override
  public ServiceInfoDto systemGetInfo() {
    return new ServiceInfoDto(contract.title(), version, new ServiceLinksDto("/docs", "/openapi.yaml", "/health"));
  }

  @Override
  public HealthDto systemGetHealth() {
    HealthService.Report report = health.check();
    HealthDto body = new HealthDto(
        !report.up() ? HealthDto.StatusEnum.DOWN
            : report.degraded() ? HealthDto.StatusEnum.DEGRADED : HealthDto.StatusEnum.UP,
        version,
        report.checkedAt(),
        report.dependencies().stream().map(SystemResource::toModel).toList(),
        report.queues().stream().map(SystemResource::toModel).toList());
    if (!report.up()) {
      // the contract documents 503 with the same body, for load balancers
      throw new WebApplicationException(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
    }
    return body;
  }

  @Override
  public LivenessDto systemGetLiveness() {
    return new LivenessDto(LivenessDto.StatusEnum.OK);
  }

  @Override
  public String systemGetContract() {
    return contract.servedYaml();
  }

  private static QueueHealthDto toModel(QueueHealth.Status status) {
    QueueHealthDto model = new QueueHealthDto(status.name(),
        status.degraded() ? QueueHealthDto.StatusEnum.DEGRADED : QueueHealthDto.StatusEnum.OK,
        status.depth(), status.deadLettered());
    status.oldestAge().ifPresent(age -> model.setOldestAgeSeconds(age.toMillis() / 1000.0));
    if (status.detail() != null) model.setDetail(status.detail());
    return model;
  }

  private static DependencyHealthDto toModel(HealthService.DependencyStatus status) {
    DependencyHealthDto model = new DependencyHealthDto(
        DependencyHealthDto.NameEnum.fromValue(status.name()),
        status.up() ? DependencyHealthDto.StatusEnum.UP : DependencyHealthDto.StatusEnum.DOWN,
        status.latencyMillis());
    if (status.detail() != null) model.setDetail(status.detail());
    return model;
  }
}
