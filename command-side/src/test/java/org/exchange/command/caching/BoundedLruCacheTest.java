package org.exchange.command.caching;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedLruCacheTest {

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        BoundedLruCache cache = new BoundedLruCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1);

        cache.put("c", 3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.containsKey("a")).as("read just before, so kept").isTrue();
        assertThat(cache.containsKey("b")).as("least recently used, so dropped").isFalse();
        assertThat((Integer) cache.get("c")).isEqualTo(3);
    }

    @Test
    void entriesStayWhileReferencedOnlyByTheCache() {
        BoundedLruCache cache = new BoundedLruCache(10);
        cache.put("market", new byte[1024]);

        System.gc();

        assertThat((byte[]) cache.get("market")).hasSize(1024);
    }

    @Test
    void listenersHearOfEveryChange() {
        BoundedLruCache cache = new BoundedLruCache(1);
        List<String> heard = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }
        });

        cache.put("a", 1);
        cache.put("a", 2);
        assertThat(cache.putIfAbsent("a", 3)).isFalse();
        cache.put("b", 1);
        cache.<Integer>computeIfPresent("b", value -> value + 1);
        assertThat(cache.remove("b")).isTrue();
        assertThat(cache.remove("b")).isFalse();

        assertThat(heard).containsExactly("created a", "updated a", "expired a", "created b", "updated b", "removed b");
    }

    @Test
    void refusesAZeroCapacity() {
        assertThatThrownBy(() -> new BoundedLruCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
