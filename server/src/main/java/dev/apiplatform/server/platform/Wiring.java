package dev.apiplatform.server.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * What a group hands to the HTTP layer: its resources (implementations of generated interfaces),
 * its providers (filters, mappers: each with a {@link Priorities} constant), and anything to
 * close when the platform stops (executors, clients of its own).
 */
public final class Wiring {

  private final List<Object> resources = new ArrayList<>();
  private final List<Object> providers = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<org.glassfish.grizzly.http.server.AddOn> addOns = new ArrayList<>();
  private final List<Runnable> afterStart = new ArrayList<>();

  private Wiring() {}

  public static Wiring of(Object... resources) {
    Wiring wiring = new Wiring();
    wiring.resources.addAll(List.of(resources));
    return wiring;
  }

  public Wiring provider(Object provider) {
    providers.add(provider);
    return this;
  }

  public Wiring closing(AutoCloseable closeable) {
    closeables.add(closeable);
    return this;
  }

  /**
   * A Grizzly add-on for the platform's own listener (the WebSocket upgrade handler): registered
   * after the edge's, before the server starts, so it shares the HTTP port.
   */
  public Wiring addOn(org.glassfish.grizzly.http.server.AddOn addOn) {
    addOns.add(addOn);
    return this;
  }

  /**
   * Background work the group starts only once the platform has answered its first request, or a
   * second after it listens ({@link AfterStart}; the action itself must return at once): a load
   * that is not needed to answer {@code /health}, such as the offline gazetteer (seconds of CPU and
   * ~100 MB of transient heap), would otherwise compete with the start and its first answers for
   * the cores and the heap (issue 15).
   */
  public Wiring afterStart(Runnable action) {
    afterStart.add(action);
    return this;
  }

  public List<Runnable> afterStart() {
    return afterStart;
  }

  public List<org.glassfish.grizzly.http.server.AddOn> addOns() {
    return addOns;
  }

  public List<Object> resources() {
    return resources;
  }

  public List<Object> providers() {
    return providers;
  }

  public List<AutoCloseable> closeables() {
    return closeables;
  }
}
