package dev.apiplatform.server.metrics;

import dev.apiplatform.server.domain.NotPermitted;

/** Another user's metrics without role ADMIN, or the system summary in prod without it. */
final class NotMetricsReader extends NotPermitted {

  NotMetricsReader(String detail) {
    super(detail);
  }
}
