package dev.apiplatform.server.profile;

import dev.apiplatform.server.identity.store.DynamoStravaLinkStore;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;

/** MetaMatic's /user/*: no table of its own, it reads and writes users through the user store. */
public final class ProfileGroup implements ResourceGroup {

  @Override
  public String tag() {
    return "profile";
  }

  @Override
  public Wiring wire(Services services) {
    var stravaLinks = new DynamoStravaLinkStore(services.aws().dynamoDb(), services.storage(), services.clock());
    return Wiring.of(new ProfileResource(
        new ProfileService(services.identity().users(), VoiceStyles.standard(), stravaLinks::find)));
  }
}
