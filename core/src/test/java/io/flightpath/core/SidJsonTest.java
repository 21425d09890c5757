package io.flightpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SidJsonTest {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void sidsTravelAsPlainStrings() throws Exception {
        CallSid sid = CallSid.random();

        assertThat(json.writeValueAsString(sid)).isEqualTo("\"" + sid.value() + "\"");
        assertThat(json.readValue("\"" + sid.value() + "\"", CallSid.class)).isEqualTo(sid);
    }

    @Test
    void aMalformedSidInJsonIsRefused() {
        assertThatThrownBy(() -> json.readValue("\"CAnope\"", CallSid.class))
                .hasRootCauseInstanceOf(FlightpathException.class);
    }
}
