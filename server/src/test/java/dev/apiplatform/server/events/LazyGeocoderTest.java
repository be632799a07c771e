package dev.apiplatform.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.geo.GeoPlace;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.geo.Geocoder;
import dev.apiplatform.server.geo.LocationQuery;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gazetteer loads after the platform's start (or at the first call), once, never before. */
class LazyGeocoderTest {

  private final AtomicInteger builds = new AtomicInteger();

  private Geocoder build() {
    builds.incrementAndGet();
    return new Geocoder() {
      @Override
      public Optional<GeoPlace> forward(LocationQuery query) {
        return Optional.empty();
      }

      @Override
      public Optional<GeoPlace> reverse(GeoPoint point) {
        return Optional.empty();
      }

      @Override
      public String name() {
        return "test";
      }
    };
  }

  @Test
  void nothingLoadsUntilStarted_thenOnce() {
    LazyGeocoder geocoder = new LazyGeocoder(this::build);
    assertThat(builds).hasValue(0);

    geocoder.startLoading();
    geocoder.startLoading();

    assertThat(geocoder.name()).isEqualTo("test");
    assertThat(builds).hasValue(1);
    geocoder.close();
  }

  @Test
  void theFirstCallLoadsWhenNoStartCame() {
    LazyGeocoder geocoder = new LazyGeocoder(this::build);
    assertThat(geocoder.name()).isEqualTo("test");
    assertThat(builds).hasValue(1);
    geocoder.close();
  }

  @Test
  void closedBeforeLoading_neverLoads_andACallFails() {
    LazyGeocoder geocoder = new LazyGeocoder(this::build);
    geocoder.close();
    geocoder.startLoading();
    assertThatThrownBy(geocoder::name).isInstanceOf(IllegalStateException.class);
    assertThat(builds).hasValue(0);
  }
}
