package io.flightpath.core;

import static io.flightpath.core.Samples.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallTest {

    private static final Instant ANSWERED = CREATED.plusSeconds(7);

    @Test
    void movingToInProgressSetsStartTimeAndDateUpdatedButNotTheEnd() {
        Call call = Samples.call(CallStatus.RINGING).withStatus(CallStatus.IN_PROGRESS, ANSWERED);

        assertThat(call.status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(call.startTime()).isEqualTo(ANSWERED);
        assertThat(call.dateUpdated()).isEqualTo(ANSWERED);
        assertThat(call.endTime()).isNull();
        assertThat(call.duration()).isNull();
    }

    @Test
    void completingSetsEndTimeAndDurationInWholeSecondsSinceStart() {
        Instant hungUp = ANSWERED.plusMillis(95_700);

        Call call = Samples.call(CallStatus.QUEUED)
                .withStatus(CallStatus.IN_PROGRESS, ANSWERED)
                .withStatus(CallStatus.COMPLETED, hungUp);

        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.startTime()).isEqualTo(ANSWERED);
        assertThat(call.endTime()).isEqualTo(hungUp);
        assertThat(call.duration()).isEqualTo(95);
        assertThat(call.dateUpdated()).isEqualTo(hungUp);
        assertThat(call.dateCreated()).isEqualTo(CREATED);
    }

    @Test
    void aCallThatNeverStartedEndsWithZeroDuration() {
        Instant gaveUp = CREATED.plusSeconds(30);

        Call call = Samples.call(CallStatus.RINGING).withStatus(CallStatus.NO_ANSWER, gaveUp);

        assertThat(call.startTime()).isNull();
        assertThat(call.endTime()).isEqualTo(gaveUp);
        assertThat(call.duration()).isZero();
    }

    @Test
    void aStatusTimeBeforeTheLastChangeOrTheCreationIsRefused() {
        Call started = Samples.call(CallStatus.QUEUED).withStatus(CallStatus.IN_PROGRESS, ANSWERED);

        assertThatThrownBy(() -> started.withStatus(CallStatus.FAILED, ANSWERED.minusSeconds(3)))
                .isInstanceOfSatisfying(FlightpathException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessageContaining("before its last change");
        assertThatThrownBy(() -> Samples.call(CallStatus.QUEUED).withStatus(CallStatus.RINGING, CREATED.minusMillis(1)))
                .isInstanceOf(FlightpathException.class);
        assertThat(started.withStatus(CallStatus.COMPLETED, ANSWERED).dateUpdated()).isEqualTo(ANSWERED);
    }

    @Test
    void anIllegalMoveThrowsFailedPreconditionAndLeavesTheOriginalUnchanged() {
        Call completed = Samples.call(CallStatus.QUEUED)
                .withStatus(CallStatus.IN_PROGRESS, ANSWERED)
                .withStatus(CallStatus.COMPLETED, ANSWERED.plusSeconds(60));
        Call copy = new Call(completed.sid(), completed.accountSid(), completed.parentCallSid(), completed.to(),
                completed.from(), completed.toFormatted(), completed.fromFormatted(), completed.phoneNumberSid(),
                completed.status(), completed.direction(), completed.answeredBy(), completed.callerName(),
                completed.forwardedFrom(), completed.startTime(), completed.endTime(), completed.duration(),
                completed.price(), completed.priceUnit(), completed.queueTime(), completed.trunkSid(),
                completed.groupSid(), completed.dateCreated(), completed.dateUpdated());

        assertThatThrownBy(() -> completed.withStatus(CallStatus.RINGING, ANSWERED.plusSeconds(61)))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
                .hasMessage("call status cannot move from completed to ringing");
        assertThat(completed).isEqualTo(copy);
        assertThat(completed.status()).isEqualTo(CallStatus.COMPLETED);
    }

    @Test
    void aRepeatedStatusIsANoOpReturningTheSameRecord() {
        Call ringing = Samples.call(CallStatus.RINGING);

        assertThat(ringing.withStatus(CallStatus.RINGING, ANSWERED)).isSameAs(ringing);
    }

    @Test
    void withPriceSetsPriceAndUnitOnly() {
        Call completed = Samples.call(CallStatus.RINGING).withStatus(CallStatus.BUSY, ANSWERED);

        Call priced = completed.withPrice(new BigDecimal("-0.0085"), "EUR");

        assertThat(priced.price()).isEqualByComparingTo("-0.0085");
        assertThat(priced.priceUnit()).isEqualTo("EUR");
        assertThat(priced.withPrice(completed.price(), completed.priceUnit())).isEqualTo(completed);
    }

    @Test
    void withAnsweredBySetsTheDetectionResultOnly() {
        Call ringing = Samples.call(CallStatus.RINGING);

        Call answered = ringing.withAnsweredBy("machine_start");

        assertThat(answered.answeredBy()).isEqualTo("machine_start");
        assertThat(answered).usingRecursiveComparison().ignoringFields("answeredBy").isEqualTo(ringing);
    }

    @Test
    void requiredFieldsAreCheckedWithInvalidArgumentNamingTheField() {
        Call call = Samples.call(CallStatus.QUEUED);

        assertThatThrownBy(() -> new Call(call.sid(), null, null, null, null, null, null, null,
                call.status(), call.direction(), null, null, null, null, null, null, null, null, null, null, null,
                call.dateCreated(), call.dateUpdated()))
                .isInstanceOfSatisfying(FlightpathException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("call account_sid is required");
        assertThatThrownBy(() -> new Call(call.sid(), call.accountSid(), null, null, null, null, null, null,
                call.status(), call.direction(), null, null, null, null, null, -1, null, null, null, null, null,
                call.dateCreated(), call.dateUpdated()))
                .hasMessage("call duration must not be negative, got -1");
    }
}
