package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads scenario JSON into SDK model objects using the model's own member metadata, so a scenario can
 * hold the same JSON an AWS API returns (e.g. a {@code GetDeployment} response's {@code deploymentInfo}).
 * Keys match a member's wire name or its SDK member name; an unknown key or a value of the wrong type is an
 * error naming its path, so a typo in a scenario fails loudly instead of seeding an empty field.
 */
public final class ScenarioJson {
    private ScenarioJson() {
    }

    /** Builds a model object, e.g. {@code read(node, DeploymentInfo::builder, "codedeploy.deployments[0]")}. */
    /** Adds one scenario entry found at {@code path}. */
    interface Seeder {
        void add(JsonNode node, String path);
    }

    /** Hands each entry of the array {@code section.key} (absent: none) to {@code seeder}, with its path. */
    static void forEach(JsonNode section, String key, String path, Seeder seeder) {
        JsonNode list = section.path(key);
        if (list.isMissingNode()) {
            return;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(path + "." + key + " must be a JSON array");
        }
        for (int i = 0; i < list.size(); i++) {
            seeder.add(list.get(i), path + "." + key + "[" + i + "]");
        }
    }

    public static <T> T read(JsonNode node, Supplier<? extends SdkBuilder<?, T>> builder, String path) {
        SdkBuilder<?, T> b = builder.get();
        fill((SdkPojo) b, node, path);
        return b.build();
    }

    private static void fill(SdkPojo builder, JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a JSON object, not " + node.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            SdkField<?> field = field(builder, entry.getKey(), path);
            if (!entry.getValue().isNull()) {
                field.set(builder, value(field, entry.getValue(), path + "." + entry.getKey()));
            }
        }
    }

    private static SdkField<?> field(SdkPojo builder, String key, String path) {
        List<SdkField<?>> fields = builder.sdkFields();
        for (SdkField<?> f : fields) {
            if (key.equals(f.locationName()) || key.equals(f.memberName())) {
                return f;
            }
        }
        for (SdkField<?> f : fields) {
            if (key.equalsIgnoreCase(f.memberName())) {
                return f;
            }
        }
        throw new IllegalArgumentException(path + " has unknown field '" + key + "'; known: "
                + fields.stream().map(f -> f.locationName() != null ? f.locationName() : f.memberName()).toList());
    }

    private static Object value(SdkField<?> field, JsonNode node, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            fill(nested, node, path);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            if (!node.isArray()) {
                throw new IllegalArgumentException(path + " must be a JSON array");
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(value(member, node.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!node.isObject()) {
                throw new IllegalArgumentException(path + " must be a JSON object");
            }
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), value(member, e.getValue(), path + "." + e.getKey())));
            return map;
        }
        return scalar(type, node, path);
    }

    private static Object scalar(MarshallingType<?> type, JsonNode node, String path) {
        if (type == MarshallingType.STRING) {
            return requireThat(node.isTextual(), node.asText(), path, "a string");
        }
        if (type == MarshallingType.BOOLEAN) {
            return requireThat(node.isBoolean(), node.asBoolean(), path, "true or false");
        }
        if (type == MarshallingType.INTEGER) {
            return requireThat(node.canConvertToInt() && node.isIntegralNumber(), node.asInt(), path, "an integer");
        }
        if (type == MarshallingType.LONG) {
            return requireThat(node.isIntegralNumber(), node.asLong(), path, "an integer");
        }
        if (type == MarshallingType.DOUBLE) {
            return requireThat(node.isNumber(), node.asDouble(), path, "a number");
        }
        if (type == MarshallingType.FLOAT) {
            return requireThat(node.isNumber(), (float) node.asDouble(), path, "a number");
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            // Budgets sends its amounts as JSON strings ("100.0"), so both forms are read.
            try {
                return requireThat(node.isNumber() || node.isTextual(), new BigDecimal(node.asText()), path, "a number");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + " must be a number, not '" + node.asText() + "'");
            }
        }
        if (type == MarshallingType.INSTANT) {
            return instant(node, path);
        }
        if (type == MarshallingType.SDK_BYTES) {
            return requireThat(node.isTextual(), SdkBytes.fromUtf8String(node.asText()), path, "a string");
        }
        throw new IllegalArgumentException(path + " has a type scenarios do not support: " + type);
    }

    /** AWS JSON protocols send epoch seconds, query protocols ISO-8601: accept both. */
    private static Instant instant(JsonNode node, String path) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
        }
        try {
            return Instant.parse(requireThat(node.isTextual(), node.asText(), path, "epoch seconds or ISO-8601"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + " must be epoch seconds or ISO-8601, not '" + node.asText() + "'");
        }
    }

    private static <V> V requireThat(boolean ok, V value, String path, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(path + " must be " + expected);
        }
        return value;
    }
}
