package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Keeps protected calls authenticated. The generated code puts {@code Authorization: Bearer}
 * only on operations whose contract says {@code bearerAuth} (from {@link Session}); this
 * interceptor swaps in a refreshed token when the one sent expires soon, and on a 401 refreshes
 * once and replays the call. Public operations (sign-in, refresh itself) pass untouched.
 */
final class AuthInterceptor implements Interceptor {

  private static final String BEARER = "Bearer ";
  private static final MediaType PROBLEM = MediaType.get("application/problem+json");

  private final Session session;

  AuthInterceptor(Session session) {
    this.session = session;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return chain.proceed(request);
    }
    String sent = authorization.substring(BEARER.length());
    if (session.expiresSoon(sent)) {
      try {
        Tokens fresh = session.refreshReplacing(sent);
        if (fresh != null) {
          sent = fresh.accessToken();
          request = withToken(request, sent);
        }
      } catch (ProblemException refused) {
        if (refused instanceof ValidationProblem || refused instanceof UnauthorizedProblem) {
          return sessionEnded(request, refused);
        }
        // a transient failure: the token may still be valid for a few seconds, so try with it
      } catch (ApiException transientFailure) {
        // same as above (network error during the refresh call)
      }
    }
    Response response = chain.proceed(request);
    if (response.code() != 401) {
      return response;
    }
    Tokens fresh;
    try {
      fresh = session.refreshReplacing(sent);
    } catch (ProblemException refused) {
      if (refused instanceof ValidationProblem || refused instanceof UnauthorizedProblem) {
        response.close();
        return sessionEnded(request, refused);
      }
      return response;
    } catch (ApiException transientFailure) {
      return response;
    }
    if (fresh == null || fresh.accessToken().equals(sent)) {
      return response;
    }
    response.close();
    return chain.proceed(withToken(request, fresh.accessToken()));
  }

  private static Request withToken(Request request, String token) {
    return request.newBuilder().header("Authorization", BEARER + token).build();
  }

  /** The refresh's own 401/400 problem, marked so {@link Problems} makes it a SessionEndedException. */
  private static Response sessionEnded(Request request, ProblemException refused) {
    String body = refused.getResponseBody() == null ? "{}" : refused.getResponseBody();
    return new Response.Builder()
        .request(request)
        .protocol(okhttp3.Protocol.HTTP_1_1)
        .code(401)
        .message("Session ended")
        .header("Content-Type", PROBLEM.toString())
        .header(Problems.SESSION_ENDED_HEADER, "true")
        .header("X-Request-ID", refused.requestId() == null ? "" : refused.requestId())
        .body(ResponseBody.create(body, PROBLEM))
        .build();
  }
}
