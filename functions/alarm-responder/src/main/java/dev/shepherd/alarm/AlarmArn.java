package dev.shepherd.alarm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated CloudWatch alarm ARN, {@code arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>}: the one
 * source of an alarm's account and region. The name is everything after {@code alarm:} and may hold spaces,
 * unicode and colons; CloudWatch allows 1 to 255 characters and no control characters.
 */
record AlarmArn(String arn, String region, String accountId, String name) {
    private static final Pattern ARN = Pattern.compile(
            "arn:aws(?:-[a-z]+)*:cloudwatch:([a-z]{2,4}(?:-[a-z]+)+-[0-9]{1,2}):([0-9]{12}):alarm:(.+)", Pattern.DOTALL);
    private static final int MAX_NAME = 255;

    /** @return the parsed ARN, or null when the text is not an alarm ARN */
    static AlarmArn parse(String text) {
        if (text == null || text.length() > 512) {
            return null;
        }
        Matcher m = ARN.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String name = m.group(3);
        if (name.codePointCount(0, name.length()) > MAX_NAME || name.codePoints().anyMatch(Character::isISOControl)) {
            return null;
        }
        return new AlarmArn(text, m.group(1), m.group(2), name);
    }
}
