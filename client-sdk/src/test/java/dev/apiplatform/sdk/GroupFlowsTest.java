package dev.apiplatform.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.client.model.Account;
import dev.apiplatform.client.model.AudioContentType;
import dev.apiplatform.client.model.ConfirmEmailRequest;
import dev.apiplatform.client.model.EchoCreate;
import dev.apiplatform.client.model.EchoResponse;
import dev.apiplatform.client.model.EmailCodeRequest;
import dev.apiplatform.client.model.Emotion;
import dev.apiplatform.client.model.FileExtension;
import dev.apiplatform.client.model.Health;
import dev.apiplatform.client.model.PresignedUrlRequest;
import dev.apiplatform.client.model.PresignedUrlResponse;
import dev.apiplatform.client.model.RegisterRequest;
import dev.apiplatform.client.model.RegisterResponse;
import dev.apiplatform.client.model.ServiceInfo;
import dev.apiplatform.client.model.SignupRequest;
import dev.apiplatform.client.model.SignupResponse;
import dev.apiplatform.client.model.UpdateUserSettingsRequest;
import dev.apiplatform.client.model.UserProfile;
import dev.apiplatform.client.model.VoiceStyle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.OffsetDateTime;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** One flow per resource group (besides seed 004's, see RunbookFlowTest) through the SDK. */
class GroupFlowsTest {

  @Test
  void system_infoAndHealth() throws Exception {
    PlatformClient c = TestUsers.client();
    ServiceInfo info = c.system().systemGetInfo();
    // the server reports its build version (0.1.0-SNAPSHOT) of contract version 0.1.0
    assertThat(info.getVersion()).startsWith(PlatformClient.VERSION);
    assertThat(c.system().systemGetHealth().getStatus()).isEqualTo(Health.StatusEnum.UP);
  }

  @Test
  void auth_emailSignupConfirmSignin_thenProfileSettingsAndVoices() throws Exception {
    PlatformClient c = TestUsers.client();
    String email = TestUsers.email("motion");
    SignupResponse signup = c.auth().authSignup(new SignupRequest().email(email).password(TestUsers.PASSWORD));
    c.auth().authConfirmSignup(new EmailCodeRequest().email(email).code(signup.getDevCode()));

    c.session().signInWithEmail(email, TestUsers.PASSWORD);

    UserProfile profile = c.profile().profileGet();
    assertThat(profile.getEmail()).isEqualTo(email);
    List<VoiceStyle> voices = c.profile().profileListVoices().getVoices();
    assertThat(voices).isNotEmpty();
    String chosen = voices.get(voices.size() - 1).getId();
    UserProfile updated = c.profile().profileUpdateSettings(new UpdateUserSettingsRequest().selectedVoiceId(chosen));
    assertThat(updated.getSettings().getSelectedVoiceId()).isEqualTo(chosen);
    assertThatThrownBy(() -> c.profile().profileUpdateSettings(new UpdateUserSettingsRequest().selectedVoiceId("no-such-voice")))
        .isInstanceOf(ValidationProblem.class);
  }

  @Test
  void account_clarityRegisterConfirmLogin_meAndRefresh() throws Exception {
    PlatformClient c = TestUsers.client();
    String email = TestUsers.email("clarity");
    RegisterResponse registered = c.account().accountRegister(new RegisterRequest().email(email)
        .password(TestUsers.PASSWORD).firstName("Ada").lastName("Lovelace"));
    c.account().accountConfirmEmail(new ConfirmEmailRequest().email(email).code(registered.getDevCode()));

    c.session().signInToClarity(email, TestUsers.PASSWORD);
    Account me = c.account().accountGetMe();
    assertThat(me.getEmail()).isEqualTo(email);
    assertThat(me.getFirstName()).isEqualTo("Ada");

    c.session().refresh();
    assertThat(c.account().accountGetMe().getUserId()).isEqualTo(me.getUserId());

    assertThatThrownBy(() -> TestUsers.client().session().signInToClarity(email, "Wrong-Horse-7-Battery"))
        .isInstanceOf(UnauthorizedProblem.class);
  }

  @Test
  void echoes_presignedUploadSaveListGetDelete() throws Exception {
    PlatformClient c = TestUsers.signedInByPhone();
    byte[] wav = wav(800);
    PresignedUrlResponse upload = c.echoes().echoesInitUpload(new PresignedUrlRequest()
        .fileExtension(FileExtension.WAV).contentType(AudioContentType.AUDIO_WAV).fileSize((long) wav.length));

    // the presigned PUT goes to the media store, not the API: a plain OkHttp call
    try (Response put = new OkHttpClient().newCall(new Request.Builder().url(upload.getUploadUrl())
        .put(RequestBody.create(wav, MediaType.get("audio/wav"))).build()).execute()) {
      assertThat(put.code()).isEqualTo(200);
    }

    EchoResponse saved = c.echoes().echoesSave(upload.getEchoId(), new EchoCreate().emotion(Emotion.CALM)
        .timestamp(OffsetDateTime.parse("2025-06-25T15:00:00Z")));
    assertThat(saved.getEchoId()).isEqualTo(upload.getEchoId());

    List<EchoResponse> all = Pages.echoes(c.echoes(), null, 1).toList();
    assertThat(all).extracting(EchoResponse::getEchoId).containsExactly(upload.getEchoId());
    assertThat(c.echoes().echoesGet(upload.getEchoId()).getAudioUrl()).isNotBlank();

    c.echoes().echoesDelete(upload.getEchoId());
    assertThatThrownBy(() -> c.echoes().echoesGet(upload.getEchoId())).isInstanceOf(NotFoundProblem.class);
  }

  /** A valid PCM WAV file: 8 kHz mono 8-bit silence. */
  static byte[] wav(int samples) {
    ByteBuffer b = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + samples).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000)
        .putShort((short) 1).putShort((short) 8);
    b.put("data".getBytes()).putInt(samples);
    for (int i = 0; i < samples; i++) {
      b.put((byte) 0x80);
    }
    return b.array();
  }
}
