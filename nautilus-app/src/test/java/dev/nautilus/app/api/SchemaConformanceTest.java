package dev.nautilus.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Json;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test's own schema checker must catch what it is there to catch, or the API tests prove nothing. */
class SchemaConformanceTest {

    private final ObjectSchema schema = (ObjectSchema) new ObjectSchema()
            .addProperty("name", new StringSchema()._enum(List.of("a", "b")))
            .addProperty("count", new IntegerSchema())
            .addProperty("items", new ArraySchema().items(new IntegerSchema()))
            .required(List.of("name", "count"));

    @Test
    void aConformingValuePasses() {
        assertThat(SchemaConformance.violations(
                        schema, Json.parse("{\"name\":\"a\",\"count\":3,\"items\":[1,2],\"extra\":true}")))
                .isEmpty();
    }

    @Test
    void eachKindOfViolationIsNamedWithItsPath() {
        assertThat(SchemaConformance.violations(schema, Json.parse("{\"name\":\"c\",\"items\":[1,\"x\"]}")))
                .containsExactlyInAnyOrder(
                        "$ lacks required property 'count'",
                        "$.name = c is not one of [a, b]",
                        "$.items[1] should be integer but is STRING: \"x\"");
        assertThat(SchemaConformance.violations(schema, Json.parse("{\"name\":\"a\",\"count\":1.5}")))
                .containsExactly("$.count should be integer but is NUMBER: 1.5");
        assertThat(SchemaConformance.violations(schema, Json.parse("[1]"))).hasSize(1);
        assertThat(SchemaConformance.violations(schema, Json.parse("{\"name\":null,\"count\":1}")))
                .containsExactly("$.name is null but not nullable");
    }
}
