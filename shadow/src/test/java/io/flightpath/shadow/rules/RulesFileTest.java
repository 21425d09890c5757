package io.flightpath.shadow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightpath.core.FlightpathException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesFileTest {

    @Test
    void pathsWithoutADeclaredTemplateGetSidsAndNumbersReplaced() {
        Route r = Rules.none().route("GET", "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/CA0123456789abcdef0123456789abcdef.json");
        assertThat(r.endpoint()).isEqualTo("GET /2010-04-01/Accounts/{sid}/Calls/{sid}.json");
        assertThat(Rules.none().route("GET", "/v1/pages/42").template()).isEqualTo("/v1/pages/{id}");
    }

    @Test
    void aDeclaredTemplateWinsAndItsRulesAddToTheDefaults() {
        Rules rules = RulesFile.parse("""
                {"defaults": {"ignore": ["**.date_updated"]},
                 "endpoints": {"/api/{account}/Calls.json": {"typed": ["calls[].sid"], "mirror": ["post"]}}}""");
        Route r = rules.route("POST", "/api/acme/Calls.json");
        assertThat(r.template()).isEqualTo("/api/{account}/Calls.json");
        assertThat(r.rules().ignores("calls[].date_updated")).isTrue();
        assertThat(r.rules().comparesByType("calls[].sid")).isTrue();
        assertThat(r.rules().mirrors("POST")).isTrue();
        assertThat(r.rules().mirrors("DELETE")).isFalse();
        assertThat(rules.route("POST", "/other").rules().mirrors("POST")).isFalse();
        assertThat(rules.route("GET", "/other").rules().mirrors("GET")).isTrue();
    }

    @Test
    void aMalformedFileFailsWithOneMessageNamingFileKeyAndValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, "{\"defaults\": {\"ignore\": \"sid\"}}");
        assertThatThrownBy(() -> RulesFile.load(file)).isInstanceOf(FlightpathException.class)
                .hasMessage("rules file " + file + ": defaults.ignore must be an array of strings, was \"sid\"");
        Files.writeString(file, "{\"defaults\": {\"ignroe\": []}}");
        assertThatThrownBy(() -> RulesFile.load(file)).hasMessageContaining("defaults has an unknown key 'ignroe'");
        Files.writeString(file, "{\"endpoints\": {\"/x\": {\"mirror\": [\"GET\"]}}}");
        assertThatThrownBy(() -> RulesFile.load(file)).hasMessageContaining("endpoints./x.mirror").hasMessageContaining("'GET'");
        Files.writeString(file, "{\"defaults\": ");
        assertThatThrownBy(() -> RulesFile.load(file)).hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> RulesFile.load(dir.resolve("missing.json"))).hasMessageContaining("cannot read the rules file");
    }
}
