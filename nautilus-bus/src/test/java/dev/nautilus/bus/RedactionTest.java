package dev.nautilus.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "redis://localhost:6380                              | redis://localhost:6380",
                "redis://secret@localhost:6380                       | redis://***@localhost:6380",
                "redis://user:secret@localhost:6380/2                | redis://user:***@localhost:6380/2",
                "rediss://:secret@host                               | rediss://:***@host",
                "redis://us%40er:p%3Ass@host                         | redis://us%40er:***@host",
                "jdbc:postgresql://db:5432/test?user=a&password=pw   | jdbc:postgresql://db:5432/test?user=a&password=***",
                "jdbc:postgresql://db/test?password=pw&ssl=true      | jdbc:postgresql://db/test?password=***&ssl=true",
                "jdbc:postgresql://db/test?sslpassword=x             | jdbc:postgresql://db/test?sslpassword=***",
                "http://h:1/?token=abc                                | http://h:1/?token=***",
                "cannot connect to redis://pw@a:1 and redis://u:pw@b:2 | cannot connect to redis://***@a:1 and redis://u:***@b:2",
            })
    void masksPasswordsInEveryFormButKeepsWhereItPoints(String text, String expected) {
        assertThat(Redaction.url(text))
                .isEqualTo(expected)
                .doesNotContain("secret")
                .doesNotContain("pw@");
    }
}
