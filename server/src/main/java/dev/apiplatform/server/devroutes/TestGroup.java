package dev.apiplatform.server.devroutes;

import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;

/** Seed 003 section 1.8: hello, echo, protected and a deliberate error, in every stage. */
public final class TestGroup implements ResourceGroup {

  @Override
  public String tag() {
    return "test";
  }

  @Override
  public Wiring wire(Services services) {
    return Wiring.of(new TestResource(services.config().stage(),
        new Envelope(services.clock(), "test", services.version())));
  }
}
