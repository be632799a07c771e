package dev.apiplatform.server.account;

import dev.apiplatform.server.identity.Accounts;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;

/** Clarity Loop's /api/v1/auth/*, over the same users and sessions as the auth group. */
public final class AccountGroup implements ResourceGroup {

  @Override
  public String tag() {
    return "account";
  }

  @Override
  public Wiring wire(Services services) {
    Services.Identity id = services.identity();
    return Wiring.of(new AccountResource(id.emailAccounts(), id.sessions(), new Accounts(id.users())));
  }
}
