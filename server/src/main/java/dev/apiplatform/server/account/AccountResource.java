package dev.apiplatform.server.account;

import dev.apiplatform.server.api.AccountApi;
import dev.apiplatform.server.api.model.AccountDto;
import dev.apiplatform.server.api.model.AccountEmailRequestDto;
import dev.apiplatform.server.api.model.AccountMessageDto;
import dev.apiplatform.server.api.model.AccountRefreshRequestDto;
import dev.apiplatform.server.api.model.AccountTokensDto;
import dev.apiplatform.server.api.model.ConfirmEmailRequestDto;
import dev.apiplatform.server.api.model.LoginRequestDto;
import dev.apiplatform.server.api.model.LoginResponseDto;
import dev.apiplatform.server.api.model.RegisterRequestDto;
import dev.apiplatform.server.api.model.RegisterResponseDto;
import dev.apiplatform.server.api.model.ResetPasswordRequestDto;
import dev.apiplatform.server.api.model.ServiceHealthDto;
import dev.apiplatform.server.api.model.UpdateAccountRequestDto;
import dev.apiplatform.server.identity.Accounts;
import dev.apiplatform.server.identity.InvalidRequest;
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
  public RegisterResponseDto accountRegister(RegisterRequestDto body) {
    EmailAccounts.SignedUp signedUp = email.signup(body.getEmail(), body.getPassword(),
        Optional.of(body.getFirstName()), Optional.of(body.getLastName()));
    RegisterResponseDto response = new RegisterResponseDto(signedUp.user().userId(), signedUp.user().email().orElseThrow(),
        RegisterResponseDto.StatusEnum.PENDING_CONFIRMATION, true,
        "Registration successful. Check your email for the confirmation code.");
    signedUp.devCode().ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public LoginResponseDto accountLogin(LoginRequestDto body) {
    EmailAccounts.SignedIn signedIn = email.signin(body.getEmail(), body.getPassword());
    return new LoginResponseDto(toAccount(signedIn.user()), tokens(signedIn.tokens()));
  }

  @Override
  public AccountDto accountGetMe() {
    return toAccount(accounts.get(CurrentUser.require(security).userId()));
  }

  @Override
  public AccountDto accountUpdateMe(UpdateAccountRequestDto body) {
    if (body.getFirstName() == null && body.getLastName() == null) { // the contract's minProperties: 1
      throw new InvalidRequest("Send first_name, last_name or both");
    }
    return toAccount(accounts.updateNames(CurrentUser.require(security).userId(),
        Optional.ofNullable(body.getFirstName()), Optional.ofNullable(body.getLastName())));
  }

  @Override
  public AccountMessageDto accountLogout() {
    sessions.logout(CurrentUser.require(security).sessionId());
    return new AccountMessageDto("Logged out");
  }

  @Override
  public AccountTokensDto accountRefresh(AccountRefreshRequestDto body) {
    return tokens(sessions.refresh(body.getRefreshToken()));
  }

  @Override
  public AccountMessageDto accountConfirmEmail(ConfirmEmailRequestDto body) {
    email.confirmEmail(body.getEmail(), body.getCode(), false);
    return new AccountMessageDto("Email confirmed. You can now log in.");
  }

  @Override
  public AccountMessageDto accountResendConfirmation(AccountEmailRequestDto body) {
    AccountMessageDto response = new AccountMessageDto("If the account exists and is unconfirmed, a new code has been sent");
    email.resendConfirmation(body.getEmail()).ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public AccountMessageDto accountForgotPassword(AccountEmailRequestDto body) {
    AccountMessageDto response = new AccountMessageDto("If an account exists, a reset code has been sent");
    email.forgotPassword(body.getEmail()).ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public AccountMessageDto accountResetPassword(ResetPasswordRequestDto body) {
    email.resetPassword(body.getEmail(), body.getCode(), body.getNewPassword());
    return new AccountMessageDto("Password updated. Sign in again on every device.");
  }

  @Override
  public ServiceHealthDto accountGetHealth() {
    boolean up = accounts.storeAnswers();
    ServiceHealthDto health = new ServiceHealthDto(up ? ServiceHealthDto.StatusEnum.HEALTHY : ServiceHealthDto.StatusEnum.UNHEALTHY,
        "auth", OffsetDateTime.now(ZoneOffset.UTC));
    if (!up) {
      throw new WebApplicationException(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).entity(health).build());
    }
    return health;
  }

  private static AccountDto toAccount(User user) {
    AccountDto account = new AccountDto(user.userId(), AccountDto.RoleEnum.fromValue(user.role()),
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

  private static AccountTokensDto tokens(Sessions.SessionTokens t) {
    return new AccountTokensDto(t.accessToken(), t.refreshToken(), t.idToken(), AccountTokensDto.TokenTypeEnum.BEARER,
        (int) t.expiresIn());
  }
}
