package dev.nautilus.app.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Payload;
import dev.nautilus.bus.Priority;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.codec.EnvelopeCodec;
import dev.nautilus.bus.codec.EnvelopeField;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} is valid AsyncAPI 2.6 (checked against the AsyncAPI JSON schema, vendored
 * from the {@code @asyncapi/specs} package, Apache-2.0) and says what the code does: a channel per
 * message type on the bus the routing table puts it on, its priority lanes, the dead-letter streams,
 * every envelope field, priority and dead-letter field. Adding a type, a field or a priority without
 * describing it fails here.
 */
class AsyncApiDocumentTest {

    private static final String SCHEMA = "/asyncapi/asyncapi-2.6.0.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document;
    private static JsonSchema asyncApiSchema;

    @BeforeAll
    static void read() throws Exception {
        document = new ObjectMapper(new YAMLFactory())
                .readTree(RepositoryFiles.path("docs/asyncapi.yaml").toFile());
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(SCHEMA)) {
            asyncApiSchema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in));
        }
    }

    @Test
    void theDocumentIsValidAsyncApi26() {
        assertThat(document.path("asyncapi").asText()).isEqualTo("2.6.0");
        assertThat(asyncApiSchema.getSchemaNode().path("required"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("asyncapi", "info", "channels");
        assertThat(asyncApiSchema.validate(document))
                .as("AsyncAPI 2.6.0 schema violations")
                .isEmpty();
    }

    @Test
    void theSchemaRefusesWhatIsNotAsyncApi() {
        // the check above is only worth something if the validator does refuse
        ObjectNode broken = document.deepCopy();
        broken.remove("info");
        ((ObjectNode) broken.path("channels").path("nautilus:marketdata:market_data")).put("publish", "XADD");
        Set<ValidationMessage> violations = asyncApiSchema.validate(broken);
        assertThat(violations)
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("info"))
                .anySatisfy(m -> assertThat(m).contains("publish"));
    }

    @Test
    void everyMessageTypeHasItsChannelOnTheBusTheRoutingTablePutsItOn() {
        RoutingTable routing = RoutingTable.defaults();
        JsonNode channels = document.path("channels");
        List<String> expected = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            RoutingTable.Route route = routing.route(type);
            expected.add(route.streamKey());
            JsonNode channel = channels.path(route.streamKey());
            if (channel.isMissingNode()) {
                missing.add(route.streamKey());
                continue;
            }
            assertThat(texts(channel.path("servers")))
                    .as(route.streamKey())
                    .containsExactly(route.bus().key());
            for (String operation : List.of("publish", "subscribe")) {
                JsonNode message = resolve(channel.path(operation).path("message"));
                assertThat(message.path("name").asText()).as(route.streamKey()).isEqualTo(type.wireName());
                assertThat(message.at("/payload/allOf/1/properties/message_type/const")
                                .asText())
                        .as(route.streamKey())
                        .isEqualTo(type.wireName());
            }
        }
        for (Bus bus : Bus.values()) {
            String lanes = routing.prefix() + ":" + bus.key() + ":{type}:{priority}";
            expected.add(lanes);
            expected.add(routing.deadLetterStream(bus));
            JsonNode lane = channels.path(lanes);
            assertThat(lane.isMissingNode()).as(lanes).isFalse();
            assertThat(texts(lane.path("servers"))).as(lanes).containsExactly(bus.key());
            assertThat(texts(lane.at("/parameters/type/schema/enum")))
                    .as(lanes + " types")
                    .containsExactlyElementsOf(routing.typesOn(bus).stream()
                            .map(MessageType::wireName)
                            .toList());
            assertThat(texts(lane.at("/parameters/priority/schema/enum")))
                    .as(lanes + " priorities")
                    .containsExactlyElementsOf(Arrays.stream(Priority.values())
                            .filter(p -> p != Priority.NORMAL)
                            .map(Priority::wireName)
                            .toList());
            JsonNode dead = channels.path(routing.deadLetterStream(bus));
            assertThat(texts(dead.path("servers")))
                    .as(routing.deadLetterStream(bus))
                    .containsExactly(bus.key());
            assertThat(resolve(dead.path("subscribe").path("message"))
                            .path("name")
                            .asText())
                    .isEqualTo("dead_letter");
        }
        assertThat(missing)
                .as("message types without their channel in docs/asyncapi.yaml")
                .isEmpty();
        List<String> documented = new ArrayList<>();
        channels.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).as("channels of docs/asyncapi.yaml").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyEnvelopeFieldIsDescribedAndWhatTheCodecWritesConformsToIt() throws Exception {
        JsonNode envelope = document.at("/components/schemas/Envelope");
        List<String> described = new ArrayList<>();
        envelope.path("properties").fieldNames().forEachRemaining(described::add);
        assertThat(described)
                .as("envelope fields (EnvelopeField) described in docs/asyncapi.yaml")
                .containsExactlyInAnyOrderElementsOf(constants(EnvelopeField.class));
        assertThat(texts(envelope.at("/properties/message_type/enum")))
                .containsExactlyElementsOf(Arrays.stream(MessageType.values())
                        .map(MessageType::wireName)
                        .toList());
        assertThat(texts(document.at("/components/schemas/Priority/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(Priority.values()).map(Priority::wireName).toList());

        // the fields the document calls required are those the codec cannot decode without
        EnvelopeCodec codec = new EnvelopeCodec();
        Map<String, String> fields = codec.encode(new Message(
                "m-1",
                MessageType.RISK_METRIC,
                "risk.alert.var_breach",
                "risk",
                Priority.FLASH_CRASH,
                1_732_300_000_000_123L,
                Payload.json("{\"var\":0.05}"),
                "c-1",
                "risk.reply.desk"));
        assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(described);
        Set<String> required = new HashSet<>(texts(envelope.path("required")));
        for (String field : described) {
            Map<String, String> without = new LinkedHashMap<>(fields);
            without.remove(field);
            if (required.contains(field)) {
                assertThatThrownBy(() -> codec.decode(without, null))
                        .as(field + " is required")
                        .isNotNull();
            } else {
                assertThat(codec.decode(without, "1-0"))
                        .as(field + " is optional")
                        .isNotNull();
            }
        }

        // and an entry as the codec writes it is valid against the document's own schema of it
        ObjectNode envelopeSchema = JSON.createObjectNode();
        envelopeSchema.put("$ref", "#/components/schemas/Envelope");
        envelopeSchema.set("components", document.path("components"));
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(envelopeSchema);
        assertThat(schema.validate(JSON.valueToTree(fields)))
                .as("the codec's entry against Envelope")
                .isEmpty();
        fields.put(EnvelopeField.PRIORITY, "whenever");
        assertThat(schema.validate(JSON.valueToTree(fields)))
                .as("a bad priority against Envelope")
                .isNotEmpty();
    }

    @Test
    void everyDeadLetterFieldIsDescribed() throws Exception {
        // the dead-letter stream's field names are the Redis transport's own (package-private) constants
        List<String> fields = constants(Class.forName("dev.nautilus.bus.redis.DeadLetterStream"));
        assertThat(fields).isNotEmpty().allMatch(f -> f.startsWith("dead_"));
        JsonNode deadLetter = document.at("/components/schemas/DeadLetter");
        List<String> described = new ArrayList<>();
        deadLetter.path("properties").fieldNames().forEachRemaining(described::add);
        assertThat(described)
                .as("dead-letter fields described in docs/asyncapi.yaml")
                .containsExactlyInAnyOrderElementsOf(fields);
        assertThat(texts(deadLetter.path("required"))).containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void thePackedFormIsDescribed() {
        assertThat(document.at("/info/description").asText())
                .contains(
                        "**Packed entries**", "`bus.packed_types`", "`packed`", "`packed_body`", "<entry id>/<index>");
    }

    /** The message a {@code $ref} names, or the node itself. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#") ? document.at(ref.substring(1)) : node;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /** The values of a class's static final String constants, whatever their visibility. */
    private static List<String> constants(Class<?> type) throws IllegalAccessException {
        List<String> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                field.setAccessible(true);
                values.add((String) field.get(null));
            }
        }
        return values;
    }
}
