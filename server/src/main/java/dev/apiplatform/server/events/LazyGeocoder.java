package dev.apiplatform.server.events;

import dev.apiplatform.server.geo.GeoPlace;
import dev.apiplatform.server.geo.GeoPoint;
import dev.apiplatform.server.geo.Geocoder;
import dev.apiplatform.server.geo.LocationQuery;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The one geocoder, built on a background thread as the group is wired: the offline gazetteer
 * takes seconds to load, and the platform's start must not wait for it. The first call that
 * needs it waits for the load (once); later calls go straight through.
 */
final class LazyGeocoder implements Geocoder, AutoCloseable {

  private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "geocoder-load");
    t.setDaemon(true);
    return t;
  });
  private final CompletableFuture<Geocoder> geocoder;

  LazyGeocoder(Supplier<Geocoder> build) {
    this.geocoder = CompletableFuture.supplyAsync(build, loader);
    loader.shutdown(); // one task only; the thread ends when it is done
  }

  private Geocoder get() {
    try {
      return geocoder.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the geocoder loads", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the geocoder could not be built", e.getCause());
    }
  }

  @Override
  public Optional<GeoPlace> forward(LocationQuery query) {
    return get().forward(query);
  }

  @Override
  public Optional<GeoPlace> reverse(GeoPoint point) {
    return get().reverse(point);
  }

  @Override
  public String name() {
    return get().name();
  }

  @Override
  public void close() {
    loader.shutdownNow();
  }
}
