package io.flightpath.app;

import io.flightpath.control.api.SplitRecord.Step;
import java.util.List;
import picocli.CommandLine.ITypeConverter;

/**
 * A scenario as given to `flightpath chaos`: SCENARIO, or for a split scenario
 * SCENARIO@STEP[,STEP...] or SCENARIO@all, the split steps after which its fault comes. Without
 * steps of its own a split scenario takes --step's, or its default ({@link ChaosScenario#defaultSteps}).
 */
record ChaosFault(ChaosScenario scenario, List<Step> steps, String text) {
    static ChaosFault parse(String text) {
        int at = text.indexOf('@');
        ChaosScenario scenario = ChaosScenario.parse(at < 0 ? text : text.substring(0, at));
        return new ChaosFault(scenario, at < 0 ? List.of() : scenario.steps(text.substring(at + 1)), text);
    }

    /** The steps of a split scenario: its own, else those of {@code option} (--step, may be null), else its default. */
    List<Step> stepsOr(String option) {
        if (!steps.isEmpty() || !scenario.splits()) {
            return steps;
        }
        return option == null ? scenario.defaultSteps() : scenario.steps(option);
    }

    static final class Converter implements ITypeConverter<ChaosFault> {
        @Override
        public ChaosFault convert(String value) {
            return parse(value);
        }
    }
}
