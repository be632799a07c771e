package dev.apiplatform.server.devroutes;

import dev.apiplatform.server.api.TestApi;
import dev.apiplatform.server.api.model.CallerDto;
import dev.apiplatform.server.api.model.CallerEnvelopeDto;
import dev.apiplatform.server.api.model.EchoDto;
import dev.apiplatform.server.api.model.EchoEnvelopeDto;
import dev.apiplatform.server.api.model.EchoRequestDto;
import dev.apiplatform.server.api.model.TestMessageDto;
import dev.apiplatform.server.api.model.TestMessageEnvelopeDto;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.domain.Conflict;
import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemType;
import dev.apiplatform.server.security.AuthenticatedUser;
import dev.apiplatform.server.security.CurrentUser;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The test routes: each answers from the request alone, nothing is stored. */
public final class TestResource implements TestApi {

  private final Stage stage;
  private final Envelope envelope;

  @Context private SecurityContext security;
  // a Provider: the resource is a singleton, the request is not
  @Context private Provider<ContainerRequestContext> request;

  public TestResource(Stage stage, Envelope envelope) {
    this.stage = stage;
    this.envelope = envelope;
  }

  @Override
  public TestMessageEnvelopeDto testHello() {
    return message("Hello from the Clarity Loop API");
  }

  @Override
  public EchoEnvelopeDto testEcho(EchoRequestDto body) {
    Map<String, String> attributes = body.getAttributes() == null ? Map.of() : new TreeMap<>(body.getAttributes());
    // the generated model does not check a map's size or its values: the contract's bounds, here
    if (attributes.size() > 20) throw new InvalidField("body.attributes", "at most 20 attributes", "maxProperties");
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      if (a.getValue() == null || a.getValue().length() > 200) {
        throw new InvalidField("body.attributes." + a.getKey(), "must be a text of at most 200 characters", "maxLength");
      }
    }
    return new EchoEnvelopeDto(new EchoDto(body.getMessage(), attributes), envelope.metadata(request.get()));
  }

  @Override
  public CallerEnvelopeDto testProtected() {
    AuthenticatedUser user = CurrentUser.require(security);
    return new CallerEnvelopeDto(new CallerDto(user.userId(), sorted(user.roles()), sorted(user.permissions())),
        envelope.metadata(request.get()));
  }

  /** A problem of the kind asked for: the contract lists each, so none of them is a 500. */
  @Override
  public TestMessageEnvelopeDto testError(String kind) {
    switch (kind == null ? "validation" : kind) {
      case "validation" -> throw new InvalidField("query.kind", "a validation error was requested", "deliberate");
      case "not_found" -> throw new NotFound("A not-found error was requested");
      case "conflict" -> throw new Conflict("A conflict was requested");
      case "unavailable" -> throw new ApiException(ProblemType.UNAVAILABLE, "Service unavailable",
          "An unavailable error was requested", List.of(), Map.of("Retry-After", "1"));
      case "none" -> {
        return message("No error requested");
      }
      // the generated interface takes the enum as a string: an unknown value is the client's error
      default -> throw new InvalidField("query.kind", "must be one of validation, not_found, conflict, unavailable, none",
          "enum");
    }
  }

  private TestMessageEnvelopeDto message(String text) {
    return new TestMessageEnvelopeDto(new TestMessageDto(text, TestMessageDto.StageEnum.fromValue(
        stage.name().toLowerCase(java.util.Locale.ROOT))), envelope.metadata(request.get()));
  }

  private static List<String> sorted(java.util.Set<String> values) {
    return values.stream().sorted().toList();
  }
}
