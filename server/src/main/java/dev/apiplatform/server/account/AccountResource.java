package dev.apiplatform.server.account;

import dev.apiplatform.server.api.AccountApi;
import dev.apiplatform.server.api.model.Account;
import dev.apiplatform.server.api.model.AccountEmailRequest;
import dev.apiplatform.server.api.model.AccountMessage;
import dev.apiplatform.server.api.model.AccountRefreshRequest;
import dev.apiplatform.server.api.model.AccountTokens;
import dev.apiplatform.server.api.model.ConfirmEmailRequest;
import dev.apiplatform.server.api.model.LoginRequest;
import dev.apiplatform.server.api.model.LoginResponse;
import dev.apiplatform.server.api.model.RegisterRequest;
import dev.apiplatform.server.api.model.RegisterResponse;
import dev.apiplatform.server.api.model.ResetPasswordRequest;
import dev.apiplatform.server.api.model.ServiceHealth;
import dev.apiplatform.server.api.model.UpdateAccountRequest;
import dev.apiplatform.server.identity.Accounts;
import dev.apiplatform.server.identity.IdentityProblems;
import dev.apiplatform.server.identity.EmailAccounts;
import dev.apiplatform.server.identity.Roles;
import dev.apiplatform.server.identity.Sessions;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;

/** Clarity Loop's /api/v1/auth: each operation is one call into the identity services. */
public final class AccountResource implements AccountApi {

  private final EmailAccounts email;
  private final Sessions sessions;
  private final Accounts accounts;

  @Context private SecurityContext security;

  public AccountResource(EmailAccounts email, Sessions sessions, Accounts accounts) {
    this.email = email;
    this.sessions = sessions;
    this.accounts = accounts;
  }

  @Override
  public RegisterResponse accountRegister(RegisterRequest body) {
    EmailAccounts.SignedUp signedUp = email.signup(body.getEmail(), body.getPassword(),
        Optional.of(body.getFirstName()), Optional.of(body.getLastName()));
    RegisterResponse response = new RegisterResponse(signedUp.user().userId(), signedUp.user().email().orElseThrow(),
        RegisterResponse.StatusEnum.PENDING_CONFIRMATION, true,
        "Registration successful. Check your email for the confirmation code.");
    signedUp.devCode().ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public LoginResponse accountLogin(LoginRequest body) {
    EmailAccounts.SignedIn signedIn = email.signin(body.getEmail(), body.getPassword());
    return new LoginResponse(toAccount(signedIn.user()), tokens(signedIn.tokens()));
  }

  @Override
  public Account accountGetMe() {
    return toAccount(accounts.get(CurrentUser.require(security).userId()));
  }

  @Override
  public Account accountUpdateMe(UpdateAccountRequest body) {
    if (body.getFirstName() == null && body.getLastName() == null) { // the contract's minProperties: 1
      throw IdentityProblems.invalidRequest("Send first_name, last_name or both");
    }
    return toAccount(accounts.updateNames(CurrentUser.require(security).userId(),
        Optional.ofNullable(body.getFirstName()), Optional.ofNullable(body.getLastName())));
  }

  @Override
  public AccountMessage accountLogout() {
    sessions.logout(CurrentUser.require(security).sessionId());
    return new AccountMessage("Logged out");
  }

  @Override
  public AccountTokens accountRefresh(AccountRefreshRequest body) {
    return tokens(sessions.refresh(body.getRefreshToken()));
  }

  @Override
  public AccountMessage accountConfirmEmail(ConfirmEmailRequest body) {
    email.confirmEmail(body.getEmail(), body.getCode(), false);
    return new AccountMessage("Email confirmed. You can now log in.");
  }

  @Override
  public AccountMessage accountResendConfirmation(AccountEmailRequest body) {
    AccountMessage response = new AccountMessage("If the account exists and is unconfirmed, a new code has been sent");
    email.resendConfirmation(body.getEmail()).ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public AccountMessage accountForgotPassword(AccountEmailRequest body) {
    AccountMessage response = new AccountMessage("If an account exists, a reset code has been sent");
    email.forgotPassword(body.getEmail()).ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public AccountMessage accountResetPassword(ResetPasswordRequest body) {
    email.resetPassword(body.getEmail(), body.getCode(), body.getNewPassword());
    return new AccountMessage("Password updated. Sign in again on every device.");
  }

  @Override
  public ServiceHealth accountGetHealth() {
    boolean up = accounts.storeAnswers();
    ServiceHealth health = new ServiceHealth(up ? ServiceHealth.StatusEnum.HEALTHY : ServiceHealth.StatusEnum.UNHEALTHY,
        "auth", OffsetDateTime.now(ZoneOffset.UTC));
    if (!up) {
      throw new WebApplicationException(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(health).build());
    }
    return health;
  }

  private static Account toAccount(User user) {
    Account account = new Account(user.userId(), Account.RoleEnum.fromValue(user.role()),
        new ArrayList<>(Roles.permissions(user.role())), user.emailVerified() || user.phoneVerified(),
        "ACTIVE".equals(user.status()), user.createdAt().atOffset(ZoneOffset.UTC));
    user.email().ifPresent(account::setEmail);
    user.phoneNumber().ifPresent(account::setPhoneNumber);
    user.firstName().ifPresent(account::setFirstName);
    user.lastName().ifPresent(account::setLastName);
    String display = (user.firstName().orElse("") + " " + user.lastName().orElse("")).trim();
    if (!display.isEmpty()) account.setDisplayName(display);
    user.lastLoginAt().ifPresent(at -> account.setLastLogin(at.atOffset(ZoneOffset.UTC)));
    return account;
  }

  private static AccountTokens tokens(Sessions.SessionTokens t) {
    return new AccountTokens(t.accessToken(), t.refreshToken(), t.idToken(), AccountTokens.TokenTypeEnum.BEARER,
        (int) t.expiresIn());
  }
}
