package dev.apiplatform.server.auth;

import dev.apiplatform.server.api.AuthApi;
import dev.apiplatform.server.api.model.CodeSentResponse;
import dev.apiplatform.server.api.model.ConfirmForgotPasswordRequest;
import dev.apiplatform.server.api.model.EmailCodeRequest;
import dev.apiplatform.server.api.model.EmailRequest;
import dev.apiplatform.server.api.model.JwkSet;
import dev.apiplatform.server.api.model.MessageResponse;
import dev.apiplatform.server.api.model.OpenIdConfiguration;
import dev.apiplatform.server.api.model.PhoneNumberRequest;
import dev.apiplatform.server.api.model.RefreshRequest;
import dev.apiplatform.server.api.model.SigninRequest;
import dev.apiplatform.server.api.model.SigninResponse;
import dev.apiplatform.server.api.model.SignupRequest;
import dev.apiplatform.server.api.model.SignupResponse;
import dev.apiplatform.server.api.model.StartRequest;
import dev.apiplatform.server.api.model.StartResponse;
import dev.apiplatform.server.api.model.TokenResponse;
import dev.apiplatform.server.api.model.VerifyRequest;
import dev.apiplatform.server.identity.EmailAccounts;
import dev.apiplatform.server.identity.IdentityProblems;
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

  public AuthResource(PhoneSignIn phone, EmailAccounts email, Sessions sessions, KeysDocument keys) {
    this.phone = phone;
    this.email = email;
    this.sessions = sessions;
    this.keys = keys;
  }

  @Override
  public CodeSentResponse authRegister(PhoneNumberRequest body) {
    return codeSent(phone.register(body.getPhoneNumber()));
  }

  @Override
  public CodeSentResponse authLogin(PhoneNumberRequest body) {
    return codeSent(phone.login(body.getPhoneNumber()));
  }

  @Override
  public StartResponse authStart(StartRequest body) {
    PhoneSignIn.Started started = phone.start(body.getPhone());
    StartResponse response = new StartResponse(started.session(), started.phone());
    started.devOtp().ifPresent(response::setDevOtp);
    return response;
  }

  @Override
  public TokenResponse authVerify(VerifyRequest body) {
    Sessions.SessionTokens tokens;
    if (body.getPhone() != null && body.getOtp() != null && body.getSession() != null && body.getPhoneNumber() == null
        && body.getCode() == null) {
      tokens = phone.verifySession(body.getPhone(), body.getOtp(), body.getSession());
    } else if (body.getPhoneNumber() != null && body.getCode() != null && body.getPhone() == null
        && body.getOtp() == null && body.getSession() == null) {
      tokens = phone.verifyCode(body.getPhoneNumber(), body.getCode());
    } else {
      throw IdentityProblems.invalidRequest("Send either {phoneNumber, code} or {phone, otp, session}");
    }
    return tokenResponse(tokens);
  }

  @Override
  public TokenResponse authRefresh(RefreshRequest body) {
    return tokenResponse(sessions.refresh(body.getRefreshToken()));
  }

  @Override
  public void authLogout() {
    sessions.logout(CurrentUser.require(security).sessionId());
  }

  @Override
  public SignupResponse authSignup(SignupRequest body) {
    EmailAccounts.SignedUp signedUp = email.signup(body.getEmail(), body.getPassword(), Optional.empty(), Optional.empty());
    SignupResponse response = new SignupResponse("Verification code sent", signedUp.user().userId(),
        signedUp.user().email().orElseThrow());
    signedUp.devCode().ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public MessageResponse authConfirmSignup(EmailCodeRequest body) {
    email.confirmEmail(body.getEmail(), body.getCode(), true);
    return new MessageResponse("Account verified successfully");
  }

  @Override
  public SigninResponse authSignin(SigninRequest body) {
    EmailAccounts.SignedIn signedIn = email.signin(body.getEmail(), body.getPassword());
    Sessions.SessionTokens t = signedIn.tokens();
    // saved events belong to the Motion events group; until it exists a user has none
    return new SigninResponse(t.accessToken(), t.idToken(), t.refreshToken(), (int) t.expiresIn(),
        SigninResponse.TokenTypeEnum.BEARER, new dev.apiplatform.server.api.model.SigninUser(
            signedIn.user().email().orElseThrow(), signedIn.user().userId(), new java.util.ArrayList<>()));
  }

  @Override
  public MessageResponse authForgotPassword(EmailRequest body) {
    MessageResponse response = new MessageResponse("If an account exists, a reset code has been sent");
    email.forgotPassword(body.getEmail()).ifPresent(response::setDevCode);
    return response;
  }

  @Override
  public MessageResponse authConfirmForgotPassword(ConfirmForgotPasswordRequest body) {
    email.resetPassword(body.getEmail(), body.getCode(), body.getNewPassword());
    return new MessageResponse("Password updated successfully");
  }

  @Override
  public JwkSet authGetJwks() {
    return keys.jwks();
  }

  @Override
  public OpenIdConfiguration authGetOpenidConfiguration() {
    return keys.openIdConfiguration();
  }

  private static CodeSentResponse codeSent(PhoneSignIn.CodeSent sent) {
    CodeSentResponse response = new CodeSentResponse("Verification code sent", sent.phoneNumber(),
        (int) sent.expiresInSeconds());
    sent.devCode().ifPresent(response::setDevCode);
    return response;
  }

  private static TokenResponse tokenResponse(Sessions.SessionTokens t) {
    return new TokenResponse(t.accessToken(), t.idToken(), t.refreshToken(), (int) t.expiresIn(),
        TokenResponse.TokenTypeEnum.BEARER);
  }
}
