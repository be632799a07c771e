package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.client.model.ActivityData;
import dev.apiplatform.client.model.BiometricData;
import dev.apiplatform.client.model.HealthDataUpload;
import dev.apiplatform.client.model.HealthMetric;
import dev.apiplatform.client.model.HealthMetricPage;
import dev.apiplatform.client.model.HealthMetricType;
import dev.apiplatform.client.model.JobStatus;
import dev.apiplatform.client.model.ProcessingStatus;
import dev.apiplatform.client.model.StoredMetric;
import dev.apiplatform.client.model.UploadAccepted;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's frontend upload flow (section 11.2) through the SDK against a started platform:
 * authenticate, upload health data, poll the processing status to COMPLETED, read the results
 * page by page with cursors, then delete the upload (and see everything of it gone).
 */
class HealthDataFlowTest {

  static final OffsetDateTime AT = OffsetDateTime.parse("2025-06-17T08:00:00Z");

  @Test
  void upload_poll_completed_listWithCursors_delete() throws Exception {
    PlatformClient c = TestUsers.signedInByPhone();
    List<HealthMetric> metrics = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      metrics.add(new HealthMetric().metricType(HealthMetricType.HEART_RATE).createdAt(AT.plusMinutes(i))
          .biometricData(new BiometricData().heartRate(60.0 + i)));
    }
    metrics.add(new HealthMetric().metricType(HealthMetricType.ACTIVITY_LEVEL).createdAt(AT.plusMinutes(30))
        .activityData(new ActivityData().steps(5120)));

    UploadAccepted accepted = c.healthData().healthDataUpload(new HealthDataUpload().uploadSource("apple_health")
        .clientTimestamp(AT.plusHours(1)).metrics(metrics), null).getData();
    assertThat(accepted.getMetricsAccepted()).isEqualTo(8);
    String id = accepted.getProcessingId();

    ProcessingStatus status = poll(c, id);
    assertThat(status.getStatus()).isEqualTo(JobStatus.COMPLETED);
    assertThat(status.getMetricsProcessed()).isEqualTo(8);

    List<Double> heartRates = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HealthMetricPage page = c.healthData().healthDataList(3, cursor, "HEART_RATE", null, null);
      assertThat(page.getPagination().getTotalCount()).isEqualTo(7);
      for (StoredMetric m : page.getData()) heartRates.add(m.getBiometricData().getHeartRate());
      cursor = page.getPagination().getNextCursor();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(heartRates).containsExactly(66.0, 65.0, 64.0, 63.0, 62.0, 61.0, 60.0);

    assertThat(c.healthData().healthDataDelete(id).getData().getMetricsDeleted()).isEqualTo(8);
    assertThat(c.healthData().healthDataList(null, null, null, null, null).getData()).isEmpty();
    assertThatThrownBy(() -> c.healthData().healthDataGetProcessing(id)).isInstanceOf(NotFoundProblem.class);
  }

  @Test
  void anotherUsersUpload_isNotFound_forStatusAndDelete() throws Exception {
    PlatformClient owner = TestUsers.signedInByPhone();
    PlatformClient other = TestUsers.signedInByPhone();
    String id = owner.healthData().healthDataUpload(new HealthDataUpload().uploadSource("fitbit").clientTimestamp(AT)
        .metrics(List.of(new HealthMetric().metricType(HealthMetricType.HEART_RATE)
            .biometricData(new BiometricData().heartRate(70.0)))), null).getData().getProcessingId();
    assertThatThrownBy(() -> other.healthData().healthDataGetProcessing(id)).isInstanceOf(NotFoundProblem.class);
    assertThatThrownBy(() -> other.healthData().healthDataDelete(id)).isInstanceOf(NotFoundProblem.class);
    assertThat(poll(owner, id).getStatus()).isEqualTo(JobStatus.COMPLETED);
  }

  /** Step 4 of the flow: poll until the status is final (the worker runs in the platform's JVM). */
  static ProcessingStatus poll(PlatformClient c, String id) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      ProcessingStatus s = c.healthData().healthDataGetProcessing(id).getData();
      if (s.getStatus() == JobStatus.COMPLETED || s.getStatus() == JobStatus.FAILED || System.nanoTime() > deadline) {
        return s;
      }
      Thread.sleep(100);
    }
  }
}
