package dev.apiplatform.server.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.apiplatform.server.testing.CapturedLogs;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

class AwsNotifierTest {

  private static final String PHONE = "+15551234567";
  private static final String CODE = "493817";
  private static final String SMS_TEXT = "Your Motion code is " + CODE;
  private static final String EMAIL = "jane.doe@example.com";
  private static final String SUBJECT = "Verify your email";
  private static final String EMAIL_TEXT = "Your verification code is " + CODE + ". It expires in 10 minutes.";
  private static final String FROM = "no-reply@apiplatform.dev";

  private static final String PUBLISH_OK = """
      <PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
        <PublishResult><MessageId>sns-msg-0001</MessageId></PublishResult>
        <ResponseMetadata><RequestId>req-sns-1</RequestId></ResponseMetadata>
      </PublishResponse>""";
  // SNS really does echo parameters in its messages: the point of the test using it
  private static final String PUBLISH_INVALID = """
      <ErrorResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
        <Error><Type>Sender</Type><Code>InvalidParameter</Code>
          <Message>Invalid parameter: PhoneNumber Reason: +15551234567 is not valid; message Your Motion code is 493817</Message>
        </Error>
        <RequestId>req-sns-2</RequestId>
      </ErrorResponse>""";

  private static WireMockServer wireMock;
  private static SdkHttpClient http;
  private static SnsClient sns;
  private static SesV2Client ses;

  private AwsNotifier notifier;
  private CapturedLogs logs;

  @BeforeAll
  static void startWireMock() {
    wireMock = new WireMockServer(wireMockConfig().dynamicPort());
    wireMock.start();
    URI endpoint = URI.create("http://localhost:" + wireMock.port());
    http = UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)).build();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"));
    var timeouts = ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(10)).build();
    sns = SnsClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClient(http).endpointOverride(endpoint).overrideConfiguration(timeouts).build();
    ses = SesV2Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
        .httpClient(http).endpointOverride(endpoint).overrideConfiguration(timeouts).build();
  }

  @AfterAll
  static void stopWireMock() {
    sns.close();
    ses.close();
    http.close();
    wireMock.stop();
  }

  @BeforeEach
  void setUp() {
    wireMock.resetAll();
    notifier = new AwsNotifier(sns, ses, FROM);
    // the test logback config silences INFO; without DEBUG the no-leak assertions would be vacuous.
    // quiet: the console stays quiet, the capture sees everything
    logs = CapturedLogs.of(AwsNotifier.class, Level.DEBUG).quiet();
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  @Test
  void sendSms_publishesTransactionalSmsToThePhoneNumber() {
    wireMock.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));

    notifier.sendSms(PHONE, SMS_TEXT);

    wireMock.verify(1, postRequestedFor(urlEqualTo("/"))
        .withFormParam("Action", equalTo("Publish"))
        .withFormParam("PhoneNumber", equalTo(PHONE))
        .withFormParam("Message", equalTo(SMS_TEXT))
        .withFormParam("MessageAttributes.entry.1.Name", equalTo("AWS.SNS.SMS.SMSType"))
        .withFormParam("MessageAttributes.entry.1.Value.DataType", equalTo("String"))
        .withFormParam("MessageAttributes.entry.1.Value.StringValue", equalTo("Transactional")));
    assertThat(logLines()).anySatisfy(line -> assertThat(line).contains("+1******4567", "sns-msg-0001"));
  }

  @Test
  void sendEmail_sendsSimpleTextEmailFromTheConfiguredAddress() {
    wireMock.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"MessageId\":\"ses-msg-0001\"}")));

    notifier.sendEmail(EMAIL, SUBJECT, EMAIL_TEXT);

    wireMock.verify(1, postRequestedFor(urlEqualTo("/v2/email/outbound-emails"))
        .withRequestBody(equalToJson("""
            {"FromEmailAddress": "%s",
             "Destination": {"ToAddresses": ["%s"]},
             "Content": {"Simple": {
               "Subject": {"Data": "%s", "Charset": "UTF-8"},
               "Body": {"Text": {"Data": "%s", "Charset": "UTF-8"}}}}}
            """.formatted(FROM, EMAIL, SUBJECT, EMAIL_TEXT), false, false)));
    assertThat(logLines()).anySatisfy(line -> assertThat(line).contains("j***@example.com", "ses-msg-0001"));
  }

  @Test
  void sendSms_serverError_becomesDeliveryException() {
    wireMock.stubFor(post(urlEqualTo("/"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml").withBody("""
            <ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code>
            <Message>oops</Message></Error><RequestId>r</RequestId></ErrorResponse>""")));

    assertThatThrownBy(() -> notifier.sendSms(PHONE, SMS_TEXT))
        .isInstanceOf(DeliveryException.class).hasMessageContaining("500");
  }

  @Test
  void sendSms_rejectedRequest_becomesDeliveryExceptionWithoutEchoedSecrets() {
    wireMock.stubFor(post(urlEqualTo("/"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(PUBLISH_INVALID)));

    assertThatThrownBy(() -> notifier.sendSms(PHONE, SMS_TEXT))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("InvalidParameter")
        .hasMessageNotContaining(CODE)
        .hasMessageNotContaining(PHONE)
        .hasNoCause();
    assertThat(logLines()).isNotEmpty().noneSatisfy(line -> assertThat(line).contains(CODE));
    assertThat(logLines()).noneSatisfy(line -> assertThat(line).contains(PHONE));
  }

  @Test
  void sendEmail_rejectedRequest_becomesDeliveryException() {
    wireMock.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withHeader("x-amzn-ErrorType", "MessageRejected")
            .withBody("{\"message\":\"Email address is not verified: " + EMAIL + "\"}")));

    assertThatThrownBy(() -> notifier.sendEmail(EMAIL, SUBJECT, EMAIL_TEXT))
        .isInstanceOf(DeliveryException.class)
        .hasMessageContaining("400")
        .hasMessageNotContaining(EMAIL)
        .hasMessageNotContaining(CODE);
  }

  @Test
  void sendEmail_serverError_becomesDeliveryException() {
    wireMock.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
            .withBody("{\"message\":\"internal\"}")));

    assertThatThrownBy(() -> notifier.sendEmail(EMAIL, SUBJECT, EMAIL_TEXT))
        .isInstanceOf(DeliveryException.class).hasMessageContaining("500");
  }

  @Test
  void unreachableEndpoint_becomesDeliveryException() {
    URI closed = URI.create("http://localhost:1");
    try (SnsClient deadSns = SnsClient.builder().region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .httpClient(http).endpointOverride(closed).build()) {
      AwsNotifier dead = new AwsNotifier(deadSns, ses, FROM);
      assertThatThrownBy(() -> dead.sendSms(PHONE, SMS_TEXT))
          .isInstanceOf(DeliveryException.class).hasMessageNotContaining(CODE);
    }
  }

  @Test
  void successfulSends_neverLogTheMessageTextOrTheClearDestination() {
    wireMock.stubFor(post(urlEqualTo("/"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(PUBLISH_OK)));
    wireMock.stubFor(post(urlEqualTo("/v2/email/outbound-emails"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"MessageId\":\"ses-msg-0002\"}")));

    notifier.sendSms(PHONE, SMS_TEXT);
    notifier.sendEmail(EMAIL, SUBJECT, EMAIL_TEXT);

    assertThat(logLines()).hasSize(2).allSatisfy(line -> assertThat(line)
        .doesNotContain(CODE).doesNotContain(SMS_TEXT).doesNotContain(EMAIL_TEXT)
        .doesNotContain(PHONE).doesNotContain(EMAIL));
  }

  private java.util.List<String> logLines() {
    return logs.messages();
  }
}
