package io.flightpath.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FlightpathExceptionTest {

    @Test
    void factoriesSetTheCodeAndFormatTheMessage() {
        assertThat(FlightpathException.invalid("bad %s", "x")).hasMessage("bad x")
                .extracting(FlightpathException::code).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(FlightpathException.notFound("no %d", 7).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(FlightpathException.conflict("dup").code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(FlightpathException.failedPrecondition("state").code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
        assertThat(FlightpathException.unavailable("down").code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(FlightpathException.internal("bug").code()).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void aMessageWithoutArgumentsIsUsedAsItIsEvenWithPercentSigns() {
        assertThat(FlightpathException.invalid("100% wrong")).hasMessage("100% wrong");
    }

    @Test
    void theCauseIsKept() {
        IOException cause = new IOException("socket closed");

        FlightpathException e = new FlightpathException(ErrorCode.UNAVAILABLE, "shard 3 is down", cause);

        assertThat(e).hasCause(cause).hasMessage("shard 3 is down");
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }
}
