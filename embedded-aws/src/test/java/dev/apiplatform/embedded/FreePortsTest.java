package dev.apiplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void aBindFailureTriesAnotherFreePort_untilOneBinds() {
    List<Integer> tried = new ArrayList<>();
    String started = FreePorts.start("server", port -> {
      tried.add(port);
      if (tried.size() < 3) throw new IllegalStateException("wrapped", new BindException("taken"));
      return "on " + port;
    });
    assertThat(tried).hasSize(3).allMatch(p -> p > 0);
    assertThat(started).isEqualTo("on " + tried.get(2));
  }

  @Test
  void anyOtherFailureEndsTheAttemptsAtOnce_withItAsTheCause() {
    List<Integer> tried = new ArrayList<>();
    IOException broken = new IOException("disk full");
    assertThatThrownBy(() -> FreePorts.start("DynamoDB Local", port -> {
      tried.add(port);
      throw broken;
    })).isInstanceOf(IllegalStateException.class).hasMessage("DynamoDB Local did not start").hasCause(broken);
    assertThat(tried).hasSize(1);
  }

  @Test
  void bindFailuresOnEveryAttempt_giveUpAfterAFew() {
    List<Integer> tried = new ArrayList<>();
    assertThatThrownBy(() -> FreePorts.start("ElasticMQ", port -> {
      tried.add(port);
      throw new BindException("taken");
    })).isInstanceOf(IllegalStateException.class).hasMessage("ElasticMQ did not start")
        .hasCauseInstanceOf(BindException.class);
    assertThat(tried).hasSize(5);
  }
}
