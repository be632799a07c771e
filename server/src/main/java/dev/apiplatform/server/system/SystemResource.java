package dev.apiplatform.server.system;

import dev.apiplatform.server.api.SystemApi;
import dev.apiplatform.server.api.model.DependencyHealth;
import dev.apiplatform.server.api.model.Health;
import dev.apiplatform.server.api.model.Liveness;
import dev.apiplatform.server.api.model.ServiceInfo;
import dev.apiplatform.server.api.model.ServiceLinks;
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
  public ServiceInfo systemGetInfo() {
    return new ServiceInfo(contract.title(), version, new ServiceLinks("/docs", "/openapi.yaml", "/health"));
  }

  @Override
  public Health systemGetHealth() {
    HealthService.Report report = health.check();
    Health body = new Health(
        report.up() ? Health.StatusEnum.UP : Health.StatusEnum.DOWN,
        version,
        report.checkedAt(),
        report.dependencies().stream().map(SystemResource::toModel).toList());
    if (!report.up()) {
      // the contract documents 503 with the same body, for load balancers
      throw new WebApplicationException(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build());
    }
    return body;
  }

  @Override
  public Liveness systemGetLiveness() {
    return new Liveness(Liveness.StatusEnum.OK);
  }

  @Override
  public String systemGetContract() {
    return contract.servedYaml();
  }

  private static DependencyHealth toModel(HealthService.DependencyStatus status) {
    DependencyHealth model = new DependencyHealth(
        DependencyHealth.NameEnum.fromValue(status.name()),
        status.up() ? DependencyHealth.StatusEnum.UP : DependencyHealth.StatusEnum.DOWN,
        status.latencyMillis());
    if (status.detail() != null) model.setDetail(status.detail());
    return model;
  }
}
