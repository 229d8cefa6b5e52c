package dev.shepherd.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Once-only handling of alerts across redelivery, a second subscription of the same alert and concurrent Lambda
 * instances, in one DynamoDB table (partition key {@code pk} (S), TTL attribute {@code expiresAt}).
 *
 * <p>An alert is claimed by a conditional Put before anything is done for it, and marked done after its notice. A
 * claim that is still {@code working} blocks others until its lease ends (an instance that died mid-way leaves it;
 * the next delivery after the lease takes over). A failure releases the claim so the retry handles the alert again;
 * everything done for it is idempotent (a service already at zero is a success). Keys ({@link AlertKeys}) name the
 * alert, not the delivery, so the same alert arriving with two SNS MessageIds is one claim. A cost anomaly may be
 * claimed again when its total impact grew since the last notice.
 *
 * <pre>
 * claim     PutItem  attribute_not_exists(pk) OR (#state = :working AND leaseUntil &lt; :now)
 *                    [anomaly: OR (#state = :done AND impact &lt; :impact)]
 * done      UpdateItem SET #state = :done REMOVE leaseUntil
 * release   DeleteItem #state = :working
 * </pre>
 */
public final class AlertLedger {
    public enum Claim {
        /** First time: handle it. */
        NEW,
        /** Seen before, now larger (a cost anomaly's impact grew): handle it as an update. */
        GREW,
        /** Already handled, or being handled by another instance right now. */
        DUPLICATE
    }

    static final String CLAIM = "attribute_not_exists(pk) OR (#state = :working AND leaseUntil < :now)";
    static final String CLAIM_GREW = CLAIM + " OR (#state = :done AND impact < :impact)";
    static final String DONE = "SET #state = :done REMOVE leaseUntil";
    static final String RELEASE = "#state = :working";
    private static final String WORKING = "working";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration lease;
    private final Clock clock;

    /** @param lease longer than one invocation can run: until then a claim is another instance's work in progress */
    public AlertLedger(DynamoDbClient dynamo, String table, Duration lease, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.lease = lease;
        this.clock = clock;
    }

    /** @param impact a cost anomaly's total impact, or null for alerts that are handled once only */
    public Claim claim(AlertKeys.Key key, BigDecimal impact) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(key.value()));
        item.put("state", s(WORKING));
        item.put("leaseUntil", n(now.plus(lease).toEpochMilli()));
        item.put("expiresAt", n(now.plus(key.keep()).getEpochSecond()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":working", s(WORKING));
        values.put(":now", n(now.toEpochMilli()));
        if (impact != null) {
            item.put("impact", AttributeValue.fromN(impact.toPlainString()));
            values.put(":done", s("done"));
            values.put(":impact", AttributeValue.fromN(impact.toPlainString()));
        }
        try {
            // The old item (ALL_OLD) tells a first claim from a grown anomaly's; a lease taken over is a first claim.
            Map<String, AttributeValue> old = dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression(impact == null ? CLAIM : CLAIM_GREW)
                    .expressionAttributeNames(Map.of("#state", "state")).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            return old != null && old.containsKey("state") && "done".equals(old.get("state").s())
                    ? Claim.GREW : Claim.NEW;
        } catch (ConditionalCheckFailedException e) {
            return Claim.DUPLICATE;
        }
    }

    /** The alert was handled: later deliveries are duplicates until the key expires. */
    public void done(AlertKeys.Key key) {
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s(key.value()))).updateExpression(DONE)
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":done", s("done"))));
    }

    /** Handling failed: the next delivery (Lambda's retry) handles the alert again. */
    public void release(AlertKeys.Key key) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", s(key.value()))).conditionExpression(RELEASE)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":working", s(WORKING))));
        } catch (ConditionalCheckFailedException e) {
            // Another instance took over after the lease ended; its claim is not ours to drop.
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
