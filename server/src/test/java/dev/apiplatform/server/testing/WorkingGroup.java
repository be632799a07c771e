package dev.apiplatform.server.testing;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.system.SystemGroup;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The system group plus the queue {@value #QUEUE} it sends to, and a handler (of
 * {@code consumed}, with {@code concurrency} workers) that keeps each payload in {@link #handled}:
 * for tests of the queue and worker runtime (PlatformQueuesTest, PlatformWorkersTest).
 */
public final class WorkingGroup implements ResourceGroup {

  public static final String QUEUE = "test-work";

  private final SystemGroup system = new SystemGroup();
  private final String consumed;
  private final int concurrency;
  /** The payloads the handler got, in order. */
  public final List<String> handled = new CopyOnWriteArrayList<>();
  /** Runs inside the handler before the payload is kept (a test's way to hold a job while it runs). */
  public volatile Consumer<String> during = payload -> { };
  private volatile Services services;

  /** Consumes {@code consumed} (a queue no group declares makes the platform refuse to start). */
  public WorkingGroup(String consumed, int concurrency) {
    this.consumed = consumed;
    this.concurrency = concurrency;
  }

  @Override public String tag() { return system.tag(); }
  @Override public List<String> buckets() { return system.buckets(); }
  @Override public void configure(Env env) { system.configure(env); }

  @Override
  public List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of(settings.declare(QUEUE));
  }

  @Override
  public Wiring wire(Services services) {
    this.services = services;
    return system.wire(services);
  }

  @Override
  public List<JobBinding> workers(Services services) {
    return List.of(new JobBinding(services.jobs().settings().declare(consumed),
        job -> {
          during.accept(job.message().payload());
          handled.add(job.message().payload());
        }, concurrency));
  }

  /** The services the platform wired this group with (once it started). */
  public Services services() {
    return services;
  }

  /** Sends {@code payload} to {@value #QUEUE} (it is the message's idempotency key too). */
  public void enqueue(String payload) {
    services.jobs().queue().enqueue(QUEUE, new JobMessage("test.work", payload, "req-" + payload, payload,
        Instant.now()));
  }
}
