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
 * The one geocoder, built on a background thread once the platform has answered its first request
 * ({@link #startLoading}, the group's after-start action) or at the first call that needs it,
 * whichever comes first: the offline gazetteer takes seconds of CPU and ~100 MB of transient heap
 * to load, and the platform's start must neither wait for it nor share the machine with it (loaded during the start it cost
 * 0.7 s to the first 200 on /health, 8 full collections of a 160 MB heap: bench/README.md). The
 * first call that needs it waits for the load (once); later calls go straight through.
 */
final class LazyGeocoder implements Geocoder, AutoCloseable {

  private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "geocoder-load");
    t.setDaemon(true);
    return t;
  });
  private final CompletableFuture<Geocoder> geocoder = new CompletableFuture<>();
  private final Supplier<Geocoder> build;
  private boolean loading;

  LazyGeocoder(Supplier<Geocoder> build) {
    this.build = build;
  }

  /** Starts the load on the loader thread, once; returns at once. */
  synchronized void startLoading() {
    if (loading) return;
    loading = true;
    loader.execute(() -> {
      try {
        geocoder.complete(build.get());
      } catch (Throwable t) {
        geocoder.completeExceptionally(t);
      }
    });
    loader.shutdown(); // one task only; the thread ends when it is done
  }

  private Geocoder get() {
    startLoading();
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
    synchronized (this) {
      if (!loading) {
        loading = true; // a call after close fails instead of loading
        geocoder.completeExceptionally(new IllegalStateException("the geocoder was closed before it was loaded"));
      }
    }
    loader.shutdownNow();
  }
}
