package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.client.model.HealthKitExport;
import dev.apiplatform.client.model.HealthKitSample;
import dev.apiplatform.client.model.HealthKitUploadStatus;
import dev.apiplatform.client.model.JobStatus;
import dev.apiplatform.client.model.StoredMetric;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's upload flow (section 11.2) with a HealthKit export through the SDK against a started
 * platform: upload the export, poll its status to COMPLETED, then list the extracted metrics as
 * the caller's health data; another user sees none of it.
 */
class HealthKitFlowTest {

  static final OffsetDateTime AT = OffsetDateTime.parse("2025-06-16T07:00:00Z");

  @Test
  void upload_poll_completed_listTheExtractedMetrics() throws Exception {
    PlatformClient c = TestUsers.signedInByPhone();
    List<HealthKitSample> samples = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      samples.add(new HealthKitSample().type("HKQuantityTypeIdentifierStepCount").startDate(AT.plusHours(i))
          .endDate(AT.plusHours(i).plusMinutes(10)).value(1000.0).unit("count"));
    }
    samples.add(new HealthKitSample().type("HKQuantityTypeIdentifierHeartRate").startDate(AT).endDate(AT)
        .value(64.0).unit("count/min"));
    HealthKitUploadStatus accepted = c.healthkit().healthkitUpload(new HealthKitExport().samples(samples), null)
        .getData();
    String id = accepted.getUploadId();

    HealthKitUploadStatus done = poll(c, id);
    assertThat(done.getStatus()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.getExtract().getTotalSteps()).isEqualTo(6000.0);
    assertThat(done.getExtract().getMetricsWritten()).isEqualTo(2);

    List<StoredMetric> mine = c.healthData().healthDataList(100, null, null, null, null).getData().stream()
        .filter(m -> m.getProcessingId().equals(id)).toList();
    assertThat(mine).hasSize(2);
    assertThat(mine.stream().filter(m -> m.getActivityData() != null).findFirst().orElseThrow().getActivityData()
        .getSteps()).isEqualTo(6000);

    PlatformClient other = TestUsers.signedInByPhone();
    assertThatThrownBy(() -> other.healthkit().healthkitUploadStatus(id)).isInstanceOf(NotFoundProblem.class);
    assertThat(other.healthData().healthDataList(100, null, null, null, null).getData()).isEmpty();
  }

  static HealthKitUploadStatus poll(PlatformClient c, String id) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      HealthKitUploadStatus s = c.healthkit().healthkitUploadStatus(id).getData();
      if (s.getStatus() == JobStatus.COMPLETED || s.getStatus() == JobStatus.FAILED || System.nanoTime() > deadline) {
        return s;
      }
      Thread.sleep(100);
    }
  }
}
