package io.flightpath.shadow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightpath.shadow.diff.Difference.Kind;
import io.flightpath.shadow.rules.EndpointRules;
import io.flightpath.shadow.rules.RulesFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseComparerTest {
    private final ResponseComparer comparer = new ResponseComparer();

    static Response json(int status, String body) {
        return new Response(status, Map.of("Content-Type", List.of("application/json")), body.getBytes(StandardCharsets.UTF_8));
    }

    static EndpointRules rules(String json) {
        return RulesFile.parse(json).route("GET", "/x").rules();
    }

    private List<Difference> diff(String a, String b, EndpointRules rules) {
        return comparer.compare(json(200, a), json(200, b), rules).differences();
    }

    @Test
    void identicalBodiesHaveNoDifference() {
        assertThat(comparer.compare(json(200, "{\"a\":[1,{\"b\":2}]}"), json(200, "{ \"a\" : [1, {\"b\": 2}] }"),
                EndpointRules.strict()).identical()).isTrue();
    }

    @Test
    void aChangedValueAMissingFieldAndAnExtraOneAreEachNamedByPath() {
        List<Difference> d = diff("{\"calls\":[{\"status\":\"completed\",\"to\":\"+1\"}]}",
                "{\"calls\":[{\"status\":\"complete\",\"from\":\"+2\"}]}", EndpointRules.strict());
        assertThat(d).containsExactly(
                new Difference("calls[].status", "calls[0].status", Kind.VALUE, "\"completed\"", "\"complete\""),
                new Difference("calls[].to", "calls[0].to", Kind.MISSING, "\"+1\"", null),
                new Difference("calls[].from", "calls[0].from", Kind.EXTRA, null, "\"+2\""));
    }

    @Test
    void statusAndChosenHeadersAreCompared() {
        Response a = new Response(200, Map.of("Content-Type", List.of("application/json"), "X-A", List.of("1")), "{}".getBytes());
        Response b = new Response(404, Map.of("content-type", List.of("application/json"), "x-a", List.of("2")), "{}".getBytes());
        assertThat(comparer.compare(a, b, EndpointRules.strict()).differences()).extracting(Difference::field)
                .containsExactly(":status");
        assertThat(comparer.compare(a, b, rules("{\"defaults\":{\"headers\":[\"X-A\"]}}")).differences())
                .extracting(Difference::field).containsExactly(":status", ":header.x-a");
    }

    @Test
    void aReorderedListIsOneOrderDifferenceUnlessDeclaredUnordered() {
        String a = "{\"calls\":[{\"sid\":1},{\"sid\":2},{\"sid\":3}]}";
        String b = "{\"calls\":[{\"sid\":3},{\"sid\":1},{\"sid\":2}]}";
        assertThat(diff(a, b, EndpointRules.strict())).singleElement()
                .satisfies(d -> assertThat(d.field()).isEqualTo("calls"))
                .satisfies(d -> assertThat(d.kind()).isEqualTo(Kind.ORDER));
        assertThat(diff(a, b, rules("{\"defaults\":{\"unordered\":[\"calls\"]}}"))).isEmpty();
    }

    @Test
    void aListReorderedAndChangedIsOneOrderDifferencePlusTheChangedFieldsOfTheSameElements() {
        String a = "{\"calls\":[{\"sid\":\"CA1\",\"status\":\"completed\"},{\"sid\":\"CA2\",\"status\":\"busy\"},"
                + "{\"sid\":\"CA3\",\"status\":\"failed\"}]}";
        String b = "{\"calls\":[{\"sid\":\"CA3\",\"status\":\"failed\"},{\"sid\":\"CA1\",\"status\":\"completed\"},"
                + "{\"sid\":\"CA2\",\"status\":\"no-answer\"}]}";

        assertThat(diff(a, b, EndpointRules.strict())).containsExactly(
                new Difference("calls", "calls", Kind.ORDER, "[{\"sid\":\"CA1\"},{\"sid\":\"CA2\"},{\"sid\":\"CA3\"}]",
                        "[{\"sid\":\"CA3\"},{\"sid\":\"CA1\"},{\"sid\":\"CA2\"}]"),
                new Difference("calls[].status", "calls[1].status", Kind.VALUE, "\"busy\"", "\"no-answer\""));
        assertThat(diff(a, b, rules("{\"defaults\":{\"unordered\":[\"calls\"]}}"))).as("declared unordered: only the change")
                .containsExactly(new Difference("calls[].status", "calls[1].status", Kind.VALUE, "\"busy\"", "\"no-answer\""));
    }

    @Test
    void aPageThatGainedAnElementAtTheTopIsOneMissingAndOneExtraElementAndTheSharedOnesComparedWithTheirNamesakes() {
        String a = "{\"calls\":[{\"sid\":\"CA2\",\"status\":\"canceled\"},{\"sid\":\"CA1\",\"status\":\"completed\"}]}";
        String b = "{\"calls\":[{\"sid\":\"CA3\",\"status\":\"queued\"},{\"sid\":\"CA2\",\"status\":\"canceled\"}]}";

        assertThat(diff(a, b, EndpointRules.strict())).containsExactly(
                new Difference("calls", "calls", Kind.MISSING, "[{\"sid\":\"CA1\"}]", null),
                new Difference("calls", "calls", Kind.EXTRA, null, "[{\"sid\":\"CA3\"}]"));
    }

    @Test
    void elementsWithoutSharedIdentitiesAreComparedByPosition() {
        List<Difference> d = diff("{\"calls\":[{\"sid\":\"CA1\",\"to\":\"+1\"},{\"sid\":\"CA2\",\"to\":\"+2\"}]}",
                "{\"calls\":[{\"sid\":\"CA8\",\"to\":\"+1\"},{\"sid\":\"CA9\",\"to\":\"+3\"}]}", EndpointRules.strict());
        assertThat(d).extracting(Difference::path).containsExactly("calls[0].sid", "calls[1].sid", "calls[1].to");
    }

    @Test
    void anUnorderedArrayStillReportsAChangedElement() {
        List<Difference> d = diff("{\"tags\":[\"a\",\"b\",\"c\"]}", "{\"tags\":[\"c\",\"a\",\"x\"]}",
                rules("{\"defaults\":{\"unordered\":[\"tags\"]}}"));
        assertThat(d).extracting(Difference::field).containsOnly("tags[]");
    }

    @Test
    void typedFieldsCompareSidKindNotValueAndTheirDifferencesAreRuledNoise() {
        EndpointRules r = rules("{\"defaults\":{\"typed\":[\"sid\"],\"ignore\":[\"**.date_updated\"]}}");
        String a = "{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"date_updated\":\"1\",\"sub\":{\"date_updated\":2}}";
        String b = "{\"sid\":\"CAfedcba9876543210fedcba9876543210\",\"date_updated\":\"3\",\"sub\":{\"date_updated\":4}}";
        Comparison c = comparer.compare(json(200, a), json(200, b), r);
        assertThat(c.differences()).isEmpty();
        assertThat(c.ruled()).extracting(Difference::field).containsExactly("sid", "date_updated", "sub.date_updated");
        String other = "{\"sid\":\"SMfedcba9876543210fedcba9876543210\",\"date_updated\":\"3\",\"sub\":{\"date_updated\":4}}";
        assertThat(diff(a, other, r)).extracting(Difference::kind).containsExactly(Kind.TYPE);
    }

    @Test
    void typedFieldsInsideAnOrderedListDoNotMakeItLookReordered() {
        EndpointRules r = rules("{\"defaults\":{\"typed\":[\"calls[].sid\"]}}");
        assertThat(diff("{\"calls\":[{\"sid\":\"CA0123456789abcdef0123456789abcdef\",\"n\":1},{\"sid\":\"CA1123456789abcdef0123456789abcdef\",\"n\":2}]}",
                "{\"calls\":[{\"sid\":\"CA2123456789abcdef0123456789abcdef\",\"n\":1},{\"sid\":\"CA3123456789abcdef0123456789abcdef\",\"n\":2}]}", r))
                .isEmpty();
    }

    @Test
    void numbersAreEqualByValueAndWithinATolerance() {
        assertThat(diff("{\"p\":1.0}", "{\"p\":1.00}", EndpointRules.strict())).isEmpty();
        assertThat(diff("{\"p\":1.0}", "{\"p\":1.004}", EndpointRules.strict())).hasSize(1);
        assertThat(diff("{\"p\":1.0}", "{\"p\":1.004}", rules("{\"defaults\":{\"tolerance\":{\"p\":0.01}}}"))).isEmpty();
    }

    @Test
    void aDifferentTypeIsATypeDifference() {
        assertThat(diff("{\"n\":1}", "{\"n\":\"1\"}", EndpointRules.strict())).extracting(Difference::kind).containsExactly(Kind.TYPE);
    }

    @Test
    void textAndNonUtf8BodiesAreComparedWhole() {
        Response text = new Response(200, Map.of(), "hello".getBytes());
        Response other = new Response(200, Map.of(), "world".getBytes());
        Response binary = new Response(200, Map.of(), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThat(comparer.compare(text, other, EndpointRules.strict()).differences()).singleElement()
                .isEqualTo(new Difference(":body", ":body", Kind.VALUE, "hello", "world"));
        assertThat(comparer.compare(binary, binary, EndpointRules.strict()).identical()).isTrue();
        assertThat(comparer.compare(text, binary, EndpointRules.strict()).differences()).singleElement()
                .satisfies(d -> assertThat(d.experimental()).isEqualTo("(3 bytes, not UTF-8)"));
    }

    @Test
    void theSecondaryTurnsTheFieldsItAlsoDiffersInIntoNoise() {
        Classifier classifier = new Classifier(comparer);
        Response stable = json(200, "{\"ts\":1,\"status\":\"completed\"}");
        Response experimental = json(200, "{\"ts\":2,\"status\":\"complete\"}");
        Response secondary = json(200, "{\"ts\":3,\"status\":\"completed\"}");
        Verdict v = classifier.classify(stable, experimental, Optional.of(secondary), EndpointRules.strict());
        assertThat(v.outcome()).isEqualTo(Outcome.DIFFERENT);
        assertThat(v.differences()).extracting(Difference::field).containsExactly("status");
        assertThat(v.noise()).extracting(Difference::field).containsExactly("ts");
        Verdict noiseOnly = classifier.classify(stable, json(200, "{\"ts\":2,\"status\":\"completed\"}"),
                Optional.of(secondary), EndpointRules.strict());
        assertThat(noiseOnly.outcome()).isEqualTo(Outcome.NOISE);
        assertThat(classifier.classify(stable, stable, Optional.empty(), EndpointRules.strict()).outcome()).isEqualTo(Outcome.MATCH);
    }
}
