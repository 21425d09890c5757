package io.flightpath.aggregator.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes of numbers, SIDs and URLs the public API accepts, and the codes it refuses the rest with. */
class TwilioParamsTest {

    @ParameterizedTest
    @ValueSource(strings = {"+14155550100", "+442071838750", "+123456789012345", "client:alice", "client:support_1"})
    void callNumbersInE164OrClientNamesAreAccepted(String value) {
        assertThat(TwilioParams.callTo(value)).isEqualTo(value);
        assertThat(TwilioParams.callFrom(value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4155550100", "+0123456", "+1", "+1234567890123456", "+1 415 555 0100", "+1415555010x",
            "client:", "sip:", "++14155550100", "+14155550100\n"})
    void anythingElseIsRefusedAsTwilioDoes(String value) {
        assertThatThrownBy(() -> TwilioParams.callTo(value)).isInstanceOfSatisfying(PublicApiException.class,
                e -> assertThat(e.error()).extracting(TwilioError::status, TwilioError::code).containsExactly(400, 21211));
        assertThatThrownBy(() -> TwilioParams.callFrom(value)).isInstanceOfSatisfying(PublicApiException.class,
                e -> assertThat(e.error().code()).isEqualTo(21212));
    }

    @Test
    void aMessageMayComeFromAnAlphanumericSenderIdButNotGoToOne() {
        assertThat(TwilioParams.messageFrom("Flightpath")).isEqualTo("Flightpath");
        assertThat(TwilioParams.messageFrom("whatsapp:+14155550100")).isEqualTo("whatsapp:+14155550100");
        assertThatThrownBy(() -> TwilioParams.messageFrom("Flightpath Inc")).isInstanceOf(PublicApiException.class);
        assertThatThrownBy(() -> TwilioParams.messageFrom("12345")).isInstanceOf(PublicApiException.class);
        assertThatThrownBy(() -> TwilioParams.messageTo("Flightpath")).isInstanceOfSatisfying(PublicApiException.class,
                e -> assertThat(e.error().code()).isEqualTo(21211));
    }

    @Test
    void everyAcceptedNumberFitsItsColumn() {
        assertThat(TwilioParams.callTo("client:" + "a".repeat(57))).hasSizeLessThanOrEqualTo(64);
        assertThatThrownBy(() -> TwilioParams.callTo("client:" + "a".repeat(58))).isInstanceOf(PublicApiException.class);
    }

    @Test
    void sidsAreCheckedByPrefixAndLength() {
        String mg = "MG" + "0123456789abcdef".repeat(2);
        assertThat(TwilioParams.sid(mg, "MG", "MessagingServiceSid", 21705)).isEqualTo(mg);
        for (String bad : new String[] {"MG123", mg + "0", "MX" + mg.substring(2), "MG" + "g".repeat(32), mg.substring(0, 33)}) {
            assertThatThrownBy(() -> TwilioParams.sid(bad, "MG", "MessagingServiceSid", 21705))
                    .isInstanceOfSatisfying(PublicApiException.class, e -> assertThat(e.error().code()).isEqualTo(21705));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/twiml", "ftp://example.com/x", "https://", "javascript:alert(1)", "http://exa mple.com/", "/twiml"})
    void urlsMustBeAbsoluteHttp(String value) {
        assertThatThrownBy(() -> TwilioParams.url(value, "Url", 21205))
                .isInstanceOfSatisfying(PublicApiException.class, e -> assertThat(e.error().code()).isEqualTo(21205));
    }

    @Test
    void aLongValueIsCutShortInTheMessage() {
        assertThatThrownBy(() -> TwilioParams.callTo("9".repeat(10_000))).hasMessageContaining("…").satisfies(e ->
                assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
