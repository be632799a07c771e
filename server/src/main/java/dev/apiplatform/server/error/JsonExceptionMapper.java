package dev.apiplatform.server.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Request bodies Jackson cannot read. Replaces jersey-media-json-jackson's own mappers, which
 * answer text/plain with Jackson's message and so leak Java class names.
 */
public final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

  @Context private UriInfo uriInfo;

  @Override
  public Response toResponse(JsonProcessingException exception) {
    if (exception instanceof DatabindException databind && !((JsonMappingException) databind).getPath().isEmpty()) {
      JsonMappingException mapping = (JsonMappingException) databind;
      String field = "body." + mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      return ProblemResponses.of(Problems.validation(List.of(fieldError(field, mapping))), uriInfo);
    }
    if (exception instanceof MismatchedInputException) {
      return ProblemResponses.of(Problems.malformedBody("The body must be a JSON object of the documented shape"), uriInfo);
    }
    JsonLocation location = exception.getLocation();
    String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    return ProblemResponses.of(Problems.malformedBody("The body is not valid JSON" + where), uriInfo);
  }

  private static Problem.FieldError fieldError(String field, JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return new Problem.FieldError(field, "is not a known property", "unknown_property");
    }
    if (e instanceof InvalidFormatException || e instanceof ValueInstantiationException) {
      return new Problem.FieldError(field, "has an invalid value", "invalid");
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getMessage() != null
        && mismatch.getMessage().startsWith("Missing required")) {
      return new Problem.FieldError(field, "is required", "required");
    }
    return new Problem.FieldError(field, "has the wrong type or shape", "type");
  }
}
