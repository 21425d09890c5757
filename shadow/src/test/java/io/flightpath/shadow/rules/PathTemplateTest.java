package io.flightpath.shadow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void sidsAndNumbersBecomePlaceholdersAndFormatSuffixesStay() {
        assertThat(PathTemplate.derive("/2010-04-01/Accounts/AC0123456789abcdef0123456789ABCDEF/Calls/CA0123456789abcdef0123456789abcdef.json"))
                .isEqualTo("/2010-04-01/Accounts/{sid}/Calls/{sid}.json");
        assertThat(PathTemplate.derive("/v1/pages/42")).isEqualTo("/v1/pages/{id}");
        assertThat(PathTemplate.derive("/v1/pages/42.xml")).isEqualTo("/v1/pages/{id}.xml");
        assertThat(PathTemplate.derive("/")).isEqualTo("/");
    }

    @Test
    void nearMissesStayAsTheyAre() {
        assertThat(PathTemplate.derive("/a/Ac0123456789abcdef0123456789abcdef")).isEqualTo("/a/Ac0123456789abcdef0123456789abcdef");
        assertThat(PathTemplate.derive("/a/AC0123456789abcdef0123456789abcdeg")).isEqualTo("/a/AC0123456789abcdef0123456789abcdeg");
        assertThat(PathTemplate.derive("/a/AC0123456789abcdef0123456789abcdef0")).isEqualTo("/a/AC0123456789abcdef0123456789abcdef0");
        assertThat(PathTemplate.derive("/a/42.")).isEqualTo("/a/42.");
        assertThat(PathTemplate.derive("/a/42.js-on")).isEqualTo("/a/42.js-on");
        assertThat(PathTemplate.derive("/a/v2")).isEqualTo("/a/v2");
        assertThat(PathTemplate.derive("/2010-04-01")).isEqualTo("/2010-04-01");
    }

    @Test
    void aDeclaredTemplateMatchesWhatItsRegularExpressionWould() {
        List<String> templates = List.of("/2010-04-01/Accounts/{account}/Calls/{sid}.json", "/2010-04-01/Accounts/{account}/Calls.json",
                "/a/{x}", "/a/{x}/", "/{x}.{y}", "/a/{x}{y}", "/a/pre{x}post/b", "/", "/a/{x}.json.json");
        List<String> paths = List.of("/2010-04-01/Accounts/AC1/Calls/CA2.json", "/2010-04-01/Accounts/AC1/Calls.json",
                "/2010-04-01/Accounts//Calls.json", "/2010-04-01/Accounts/AC1/Calls/CA2.json/x", "/2010-04-01/Accounts/AC1/Calls/.json",
                "/a/b", "/a/", "/a/b/", "/a/b/c", "/x.y", "/x.y.z", "/.y", "/x.", "/a/bc", "/a/b", "/a/prepost/b", "/a/preXpost/b",
                "/a/prepostpost/b", "/", "", "/a/b.json.json", "/a/b.json", "/a/.json.json.json");
        for (String t : templates) {
            Pattern regex = Pattern.compile(Pattern.quote(t).replaceAll("\\{[^/{}]+}", "\\\\E[^/]+\\\\Q"));
            PathTemplate template = PathTemplate.declared(t);
            for (String p : paths) {
                assertThat(template.matches(p)).as("%s against %s", t, p).isEqualTo(regex.matcher(p).matches());
            }
        }
    }
}
