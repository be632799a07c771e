package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.client.model.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The session's refresh and sign-out against the real token issuer. */
class SessionAgainstPlatformTest {

  @Test
  void twentyParallelCallsWithARejectedAccessToken_shareOneRefresh() throws Exception {
    PlatformClient c = TestUsers.signedInByPhone();
    Tokens real = c.session().tokens();
    String userId = c.profile().profileGet().getUserId();
    // the server refuses this access token; the refresh token is still good
    c.session().attach(new Tokens("not-a-valid.jwt.token", real.refreshToken(), null, Long.MAX_VALUE / 2));

    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<UserProfile>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(pool.submit((Callable<UserProfile>) () -> {
          go.await();
          return c.profile().profileGet();
        }));
      }
      go.countDown();
      for (Future<UserProfile> call : calls) {
        assertThat(call.get().getUserId()).isEqualTo(userId);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(c.session().refreshCount()).isEqualTo(1);
    assertThat(c.session().tokens().refreshToken()).isNotEqualTo(real.refreshToken());
  }

  @Test
  void signOutElsewhere_endsTheSessionWithATypedErrorAndClearsTheStore() throws Exception {
    PlatformClient phone = TestUsers.signedInByPhone();
    PlatformClient tablet = TestUsers.client();
    tablet.session().attach(phone.session().tokens());

    phone.session().signOut();

    assertThatThrownBy(() -> tablet.profile().profileGet()).isInstanceOf(SessionEndedException.class);
    assertThat(tablet.session().isSignedIn()).isFalse();
  }
}
