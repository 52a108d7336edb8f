package dev.nautilus.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against a fully resolved OpenAPI 3.0 schema (types, required properties,
 * enums, nullability, items, additional properties): enough to hold every answer of the API to
 * what its document promises. Written for the tests, independent of the server's code.
 */
final class SchemaConformance {

    private SchemaConformance() {}

    /** The violations, each naming the JSON path; empty when the value conforms. */
    static List<String> violations(Schema<?> schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private static void check(Schema<?> schema, JsonNode value, String path, List<String> errors) {
        if (schema == null) {
            return;
        }
        if (value == null || value.isNull()) {
            if (!Boolean.TRUE.equals(schema.getNullable()) && schema.getType() != null) {
                errors.add(path + " is null but not nullable");
            }
            return;
        }
        String type = schema.getType();
        if (type != null) {
            boolean fits = switch (type) {
                case "object" -> value.isObject();
                case "array" -> value.isArray();
                case "string" -> value.isTextual();
                case "integer" ->
                    value.isIntegralNumber()
                            || (value.isNumber()
                                    && value.decimalValue().stripTrailingZeros().scale() <= 0);
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                default -> false;
            };
            if (!fits) {
                errors.add(path + " should be " + type + " but is " + value.getNodeType() + ": " + abbreviate(value));
                return;
            }
        }
        if (schema.getEnum() != null
                && !schema.getEnum().isEmpty()
                && schema.getEnum().stream().noneMatch(e -> String.valueOf(e).equals(value.asText()))) {
            errors.add(path + " = " + value.asText() + " is not one of " + schema.getEnum());
        }
        if (value.isObject()) {
            if (schema.getRequired() != null) {
                for (String field : schema.getRequired()) {
                    if (!value.has(field)) {
                        errors.add(path + " lacks required property '" + field + "'");
                    }
                }
            }
            Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Schema<?> property = properties.get(field.getKey());
                if (property != null) {
                    check(property, field.getValue(), path + "." + field.getKey(), errors);
                } else if (schema.getAdditionalProperties() instanceof Schema<?> extra) {
                    check(extra, field.getValue(), path + "." + field.getKey(), errors);
                }
            }
        }
        if (value.isArray() && schema.getItems() != null) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.getItems(), value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
