package dev.apiplatform.server.metrics;

import dev.apiplatform.server.domain.NotFound;

/** {@code GET /metrics} on an instance started with {@code METRICS_ENABLED=false}. */
final class MetricsDisabled extends NotFound {

  MetricsDisabled() {
    super("Metrics are switched off on this instance");
  }
}
