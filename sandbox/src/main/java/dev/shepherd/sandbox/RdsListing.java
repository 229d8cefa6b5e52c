package dev.shepherd.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.RdsException;

/**
 * How RDS's describe calls list, for {@link FakeRds}: pages of {@code MaxRecords} 20–100 (default 100) with an opaque
 * {@code Marker}, exact filters by the operation's own filter names, the snapshot types a listing holds; anything else
 * is {@code InvalidParameterValue} (HTTP 400).
 */
final class RdsListing {
    private static final int MIN_RECORDS = 20;
    private static final int MAX_RECORDS = 100;

    private RdsListing() {
    }

    record Page<T>(List<T> items, String marker) {
    }

    static <T> Page<T> page(List<T> all, Integer maxRecords, String marker) {
        int size = maxRecords == null ? MAX_RECORDS : maxRecords;
        if (size < MIN_RECORDS || size > MAX_RECORDS) {
            throw invalid("Invalid value " + size + " for MaxRecords. Must be between " + MIN_RECORDS + " and " + MAX_RECORDS);
        }
        int offset = FakeService.pageOffset(marker, () -> invalid("The marker " + marker + " is not valid"));
        int end = Math.min(all.size(), offset + size);
        List<T> items = offset >= all.size() ? List.of() : List.copyOf(all.subList(offset, end));
        return new Page<>(items, end < all.size() ? FakeService.pageToken(end) : null);
    }

    /** Filter name to values, after refusing a name the operation does not know or a filter without values. */
    static Map<String, List<String>> filters(List<Filter> given, String... known) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (Filter f : given) {
            if (f.name() == null || !List.of(known).contains(f.name())) {
                throw invalid("Unrecognized filter name: " + f.name());
            }
            if (!f.hasValues() || f.values().isEmpty()) {
                throw invalid("The filter " + f.name() + " needs at least one value");
            }
            filters.computeIfAbsent(f.name(), k -> new ArrayList<>()).addAll(f.values());
        }
        return filters;
    }

    static boolean matches(Map<String, List<String>> filters, String name, Predicate<String> value) {
        List<String> values = filters.get(name);
        return values == null || values.stream().anyMatch(value);
    }

    /** The snapshot types a describe call lists: one asked for, or automated and manual. */
    static Set<String> listedTypes(String asked, Map<String, List<String>> filters, boolean awsBackup) {
        if (asked != null) {
            if (asked.equals("shared") || asked.equals("public")) {
                return Set.of();
            }
            if (!asked.equals("automated") && !asked.equals("manual") && !(awsBackup && asked.equals("awsbackup"))) {
                throw invalid("Invalid snapshot type: " + asked);
            }
            return Set.of(asked);
        }
        List<String> filtered = filters.get("snapshot-type");
        return filtered != null ? Set.copyOf(filtered) : Set.of("automated", "manual");
    }

    static RdsException invalid(String message) {
        return FakeService.error(RdsException.builder(), "InvalidParameterValue", 400, message);
    }
}
