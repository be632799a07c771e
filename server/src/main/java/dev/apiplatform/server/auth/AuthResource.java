package dev.apiplatform.server.auth;

import dev.apiplatform.server.api.AuthApi;
import dev.apiplatform.server.api.model.SavedEventRefDto;
import dev.apiplatform.server.api.model.CodeSentResponseDto;
import dev.apiplatform.server.api.model.ConfirmForgotPasswordRequestDto;
import dev.apiplatform.server.api.model.EmailCodeRequestDto;
import dev.apiplatform.server.api.model.EmailRequestDto;
import dev.apiplatform.server.api.model.JwkSetDto;
import dev.apiplatform.server.api.model.MessageResponseDto;
import dev.apiplatform.server.api.model.OpenIdConfigurationDto;
import dev.apiplatform.server.api.model.PhoneNumberRequestDto;
import dev.apiplatform.server.api.model.RefreshRequestDto;
import dev.apiplatform.server.api.model.SigninRequestDto;
import dev.apiplatform.server.api.model.SigninResponseDto;
import dev.apiplatform.server.api.model.SigninUserDto;
import dev.apiplatform.server.api.model.SignupRequestDto;
import dev.apiplatform.server.api.model.SignupResponseDto;
import dev.apiplatform.server.api.model.StartRequestDto;
import dev.apiplatform.server.api.model.StartResponseDto;
import dev.apiplatform.server.api.model.TokenResponseDto;
import dev.apiplatform.server.api.model.VerifyRequestDto;
import dev.apiplatform.server.identity.EmailAccounts;
import dev.apiplatform.server.identity.InvalidRequest;
import dev.apiplatform.server.identity.PhoneSignIn;
import dev.apiplatform.server.identity.Sessions;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/** The auth group: each operation is one call into the identity services. */
public final class AuthResource implements AuthApi {

  private final PhoneSignIn phone;
  private final EmailAccounts email;
  private final Sessions sessions;
  private final KeysDocument keys;

  @Context private SecurityContext security;

  private final dev.apiplatform.server.identity.store.UserStore users;

  public AuthResource(PhoneSignIn phone, EmailAccounts email, Sessions sessions, KeysDocument keys,
      dev.apiplatform.server.identity.store.UserStore users) {
    this.users = users;
    this.phone = phone;
    this.email = email;
    this.sessions = sessions;
    this.keys = keys;
  }

  @Override
  public CodeSentResponseDto authRegister(PhoneNumberRequestDto body) {
    return codeSent(phone.register(body.getPhoneNumber()));
  }

  @Override
  public CodeSentResponseDto authLogin(PhoneNumberRequestDto body) {
    return codeSent(phone.login(body.getPhoneNumber()));
  }

  @Override
  public StartResponseDto authStart(StartRequestDto body) {
    PhoneSignIn.Started started = phone.start(body.getPhone());
    StartResponseDto response = new StartResponseDto(started.session(), started.phone());
    started.devOtp().ifPresent(response::setDevOtp);
    return response;
  }

  @Override
  public TokenResponseDto authVerify(VerifyRequestDto body) {
    Sessions.SessionTokens tokens;
    if (body.getPhone() != null && body.getOtp() != null && body.getSession() != null && body.getPhoneNumber() == null
        && body.getCode() == null) {
      tokens = phone.verifySession(body.getPhone(), body.getOtp(), body.getSession());
    } else if (body.getPhoneNumber() != null && body.getCode() != null && body.getPhone() == null
        && body.getOtp() == null && body.getSession() == null) {
      tokens = phone.verifyCode(body.getPhoneNumber(), body.getCode());
    } else {
      throw new InvalidRequest("Send either {phoneNumber, code} or {phone, otp, session}");
    }
    return tokenResponse(tokens);
  }

  @Override
  public TokenResponseDto authRefresh(RefreshRequestDto body) {
    return tokenResponse(sessions.refresh(body.getRefreshToken()));
  }

  @Override
  public void authLogout() {
    sessions.logout(CurrentUser.require(security).sessionId());
  }

  @Override
  public SignupResponseDto authSignup(SignupRequestDto body) {
    EmailAccounts.SignedUp signedUp = email.signup(body.getEmail(), body.getPassword(), Optional.empty(), Optional.empty());
    SignupResponseDto response = new SignupResponseDto("Verification code sent", signedUp.user().userId(),
        signedUp.user().email().orElseThrow());
    signedUp.devCode().ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public MessageResponseDto authConfirmSignup(EmailCodeRequestDto body) {
    email.confirmEmail(body.getEmail(), body.getCode(), true);
    return new MessageResponseDto("Account verified successfully");
  }

  @Override
  public SigninResponseDto authSignin(SigninRequestDto body) {
    EmailAccounts.SignedIn signedIn = email.signin(body.getEmail(), body.getPassword());
    Sessions.SessionTokens t = signedIn.tokens();
    // the same list as /users/profile: Motion's saved events live on the user item
    java.util.List<SavedEventRefDto> saved = new java.util.ArrayList<>();
    users.findSavedEvents(signedIn.user().userId()).ifPresent(list -> list.events().forEach(e ->
        saved.add(new SavedEventRefDto(e.eventId(), SavedEventRefDto.SourceEnum.fromValue(e.source())))));
    return new SigninResponseDto(t.accessToken(), t.idToken(), t.refreshToken(), (int) t.expiresIn(),
        SigninResponseDto.TokenTypeEnum.BEARER, new SigninUserDto(
            signedIn.user().email().orElseThrow(), signedIn.user().userId(), saved));
  }

  @Override
  public MessageResponseDto authForgotPassword(EmailRequestDto body) {
    MessageResponseDto response = new MessageResponseDto("If an account exists, a reset code has been sent");
    email.forgotPassword(body.getEmail()).ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public MessageResponseDto authConfirmForgotPassword(ConfirmForgotPasswordRequestDto body) {
    email.resetPassword(body.getEmail(), body.getCode(), body.getNewPassword());
    return new MessageResponseDto("Password updated successfully");
  }

  @Override
  public JwkSetDto authGetJwks() {
    return keys.jwks();
  }

  @Override
  public OpenIdConfigurationDto authGetOpenidConfiguration() {
    return keys.openIdConfiguration();
  }

  private static CodeSentResponseDto codeSent(PhoneSignIn.CodeSent sent) {
    CodeSentResponseDto response = new CodeSentResponseDto("Verification code sent", sent.phoneNumber(),
        (int) sent.expiresInSeconds());
    sent.devCode().ifPresent(response::setDevCode);
    return response;
  }

  private static TokenResponseDto tokenResponse(Sessions.SessionTokens t) {
    return new TokenResponseDto(t.accessToken(), t.idToken(), t.refreshToken(), (int) t.expiresIn(),
        TokenResponseDto.TokenTypeEnum.BEARER);
  }
}
