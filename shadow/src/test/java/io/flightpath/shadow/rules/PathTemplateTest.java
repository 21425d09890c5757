package io.flightpath.shadow.rules;

import static org.assertj.core.api.Assertions.assertThat;

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
}
