package dev.shepherd.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Best-effort paging as SSM documents for {@code DescribeParameters} and {@code GetParametersByPath}: a page is the
 * next {@code size} items of the whole listing, filtered afterwards, so a page may hold fewer items than asked for,
 * even none, and still carry a token. A caller that stops at the first short or empty page misses the rest.
 */
record Pages<T>(List<T> items, Integer nextOffset) {
    static <T> Pages<T> scan(List<T> all, int offset, int size, Predicate<? super T> keep) {
        List<T> kept = new ArrayList<>();
        int end = Math.min(all.size(), offset + size);
        for (int i = offset; i < end; i++) {
            if (keep.test(all.get(i))) {
                kept.add(all.get(i));
            }
        }
        return new Pages<>(kept, end < all.size() ? end : null);
    }

    /** The page token of the next page, or null on the last page. */
    String nextToken() {
        return nextOffset == null ? null : FakeService.pageToken(nextOffset);
    }
}
