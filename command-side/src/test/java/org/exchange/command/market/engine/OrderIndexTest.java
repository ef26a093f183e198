package org.exchange.command.market.engine;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIndexTest {

    @Test
    void findsEveryIdIncludingZeroAndNegativeOnes() {
        OrderIndex index = new OrderIndex(4);
        OrderNode zero = new OrderNode();
        OrderNode negative = new OrderNode();

        index.put(0, zero);
        index.put(-7, negative);

        assertThat(index.get(0)).isSameAs(zero);
        assertThat(index.get(-7)).isSameAs(negative);
        assertThat(index.get(1)).isNull();
    }

    @Test
    void agreesWithHashMapUnderRandomChurnAndGrowth() {
        OrderIndex index = new OrderIndex(8);
        Map<Long, OrderNode> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);

        for (int step = 0; step < 200_000; step++) {
            // a small key range makes probe runs collide and wrap, which removal must handle
            long key = random.nextInt(step < 100_000 ? 64 : 5_000);
            if (random.nextBoolean()) {
                if (!expected.containsKey(key)) {
                    OrderNode node = new OrderNode();
                    index.put(key, node);
                    expected.put(key, node);
                }
            } else {
                assertThat(index.remove(key)).isSameAs(expected.remove(key));
            }
            assertThat(index.get(key)).isSameAs(expected.get(key));
        }

        assertThat(index.size()).isEqualTo(expected.size());
        expected.forEach((key, node) -> assertThat(index.get(key)).isSameAs(node));
    }
}
