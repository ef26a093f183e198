package org.exchange.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.trade.TradeId;
import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scripted trade, from deposits to settlement, on a real one-partition Kafka topic becomes the
 * double-entry ledger, the deposits, the public trade tape and its candles, exactly as the events
 * say; every event delivered again changes nothing, and each projection records how far it read.
 */
@SpringBootTest
class LedgerAndMarketDataProjectionIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String TOPIC = "it.ledger." + UUID.randomUUID();
    private static final String INDEX_PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private static final MarketId MARKET = MarketId.of("ETH-USDT");
    private static final Asset ETH = Asset.of("ETH");
    private static final Asset USDT = Asset.of("USDT");
    /** 10:15:10 UTC: the three trades below fall in one minute, one hour and one day. */
    private static final Instant T0 = Instant.parse("2026-11-21T10:15:10Z");

    @Autowired
    JdbcTemplate database;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    private EventTopic topic;
    /** This test's events, to deliver again. */
    private final List<DomainEventMessage<?>> published = new ArrayList<>();
    /** Records on the topic (its tests share it) and the highest position stamped so far. */
    private static long sent;
    private static long position = 1_000;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("axon.kafka.default-topic", () -> TOPIC);
        registry.add("exchange.kafka.event-topic-partitions", () -> "1");
        registry.add("exchange.opensearch.index-prefix", () -> INDEX_PREFIX);
        COMPONENTS.springProperties(ThrowawayDatabase.create(COMPONENTS, "projections_ledger"))
                .forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void topic() {
        topic = new EventTopic(COMPONENTS.kafkaBootstrap(), TOPIC, serializer);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void aTradeFromDepositToSettlementIsJournaledOnceAndBalancesEveryAccount() throws Exception {
        AccountId alice = AccountId.of(UUID.randomUUID().toString());
        AccountId bob = AccountId.of(UUID.randomUUID().toString());
        AccountId fees = AccountId.of("fees:" + UUID.randomUUID().toString().substring(0, 8));
        OrderId buy = OrderId.random();
        OrderId sell = OrderId.random();
        TradeId trade = TradeId.of(MARKET, 900_001);
        DepositId aliceDeposit = DepositId.of("d-" + UUID.randomUUID());
        DepositId bobDeposit = DepositId.of("d-" + UUID.randomUUID());

        publish("Account", alice.value(), 0, new FundsDepositedEvent(alice, aliceDeposit, USDT, usdt("1000.00000000"),
                usdt("1000.00000000")));
        publish("Account", bob.value(), 0, new FundsDepositedEvent(bob, bobDeposit, ETH, eth("2.00000000"),
                eth("2.00000000")));
        publish("Account", alice.value(), 1, new FundsReservedEvent(alice, buy, USDT, usdt("300.30000000"),
                usdt("699.70000000"), usdt("300.30000000")));
        publish("Account", bob.value(), 1, new FundsReservedEvent(bob, sell, ETH, eth("1.00000000"), eth("1.00000000"),
                eth("1.00000000")));
        // alice buys 0.1 ETH at 2500.00: pays 250.00 + 0.25 fee; bob gets 250.00 - 0.25
        publish("Account", alice.value(), 2, new TradeSettledOnAccountEvent(alice, trade, buy, USDT,
                usdt("250.25000000"), usdt("50.05000000"), ETH, eth("0.10000000"), eth("0.10000000"),
                usdt("0.25000000")));
        publish("Account", bob.value(), 2, new TradeSettledOnAccountEvent(bob, trade, sell, ETH, eth("0.10000000"),
                eth("0.90000000"), USDT, usdt("249.75000000"), usdt("249.75000000"), usdt("0.25000000")));
        publish("Account", fees.value(), 0, new FeeCollectedEvent(fees, trade, USDT, usdt("0.50000000"),
                usdt("0.50000000")));
        publish("Account", alice.value(), 3, new FundsReleasedEvent(alice, buy, USDT, usdt("50.05000000"),
                usdt("749.75000000"), usdt("0.00000000")));
        redeliverEverything();

        await().atMost(Duration.ofSeconds(30)).until(() -> progressOf("ledger") == sent - 1);
        assertThat(count("select count(*) from ledger_postings")).isEqualTo(2 + 2 + 2 + 2 + 4 + 4 + 2 + 2);
        // every account's postings add up to the balances its events state
        assertThat(sum(alice, "USDT", "AVAILABLE")).isEqualByComparingTo("749.75");
        assertThat(sum(alice, "USDT", "HELD")).isEqualByComparingTo("0");
        assertThat(sum(alice, "ETH", "AVAILABLE")).isEqualByComparingTo("0.1");
        assertThat(sum(bob, "ETH", "AVAILABLE")).isEqualByComparingTo("1.0");
        assertThat(sum(bob, "ETH", "HELD")).isEqualByComparingTo("0.9");
        assertThat(sum(bob, "USDT", "AVAILABLE")).isEqualByComparingTo("249.75");
        assertThat(sum(fees, "USDT", "AVAILABLE")).isEqualByComparingTo("0.50");
        // the trade cleared completely, and the books balance per asset
        assertThat(database.queryForList("select sum(amount) from ledger_postings where account_id = ? group by asset",
                BigDecimal.class, "clearing:" + trade.value())).allSatisfy(sum -> assertThat(sum).isZero());
        assertThat(database.queryForList("select sum(amount) from ledger_postings group by asset", BigDecimal.class))
                .allSatisfy(sum -> assertThat(sum).isZero());
        assertThat(database.queryForMap("select balance_after::text as after, kind, reference from ledger_postings "
                + "where account_id = ? and asset = 'ETH' and kind = 'TRADE'", alice.value()))
                .containsEntry("after", "0.10000000")
                .containsEntry("reference", trade.value());

        assertThat(database.queryForList("select deposit_id, amount::text as amount from deposits where account_id in (?, ?) "
                + "order by deposits.amount", alice.value(), bob.value()))
                .containsExactly(Map.of("deposit_id", bobDeposit.value(), "amount", "2.00000000"),
                        Map.of("deposit_id", aliceDeposit.value(), "amount", "1000.00000000"));
    }

    @Test
    void tradesBuildTheTapeAndCandlesWhateverOrderTheyArriveIn() throws Exception {
        String market = MARKET.value();
        // the second trade (a seller's market order) arrives first; each is delivered twice
        publish("Market", market, 12, executed(2, "2510.00", "0.20000000", OrderSide.SELL), T0.plusSeconds(20));
        publish("Market", market, 10, executed(1, "2500.00", "0.10000000", OrderSide.BUY), T0);
        publish("Market", market, 14, executed(3, "2490.00", "0.30000000", OrderSide.BUY), T0.plusSeconds(40));
        redeliverEverything();

        await().atMost(Duration.ofSeconds(30)).until(() -> progressOf("market-data") == sent - 1);
        assertThat(count("select count(*) from market_trades where market_id = 'ETH-USDT'")).isEqualTo(3);
        for (String interval : List.of("1m", "1h", "1d")) {
            assertThat(database.queryForMap("""
                    select open::text as open, high::text as high, low::text as low, close::text as close,
                           volume::text as volume, quote_volume::text as quote_volume, trades,
                           taker_buy_volume::text as taker_buy_volume, taker_buy_quote_volume::text as taker_buy_quote_volume
                      from candles where market_id = 'ETH-USDT' and candle_interval = ?""", interval))
                    .as(interval)
                    .containsEntry("open", "2500.00")
                    .containsEntry("high", "2510.00")
                    .containsEntry("low", "2490.00")
                    .containsEntry("close", "2490.00")
                    .containsEntry("volume", "0.60000000")
                    .containsEntry("quote_volume", "1499.00000000")
                    .containsEntry("trades", 3L)
                    // what the two buying takers bought
                    .containsEntry("taker_buy_volume", "0.40000000")
                    .containsEntry("taker_buy_quote_volume", "997.00000000");
        }
        assertThat(database.queryForObject("select open_time from candles where market_id = 'ETH-USDT' "
                + "and candle_interval = '1h'", OffsetDateTime.class).toInstant())
                .isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        // every projection, even one with nothing to do in these events, reads the whole topic (each at
        // its own pace: only ledger and market-data were waited for above)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(database.queryForList(
                "select processor from projection_progress where kafka_offset = ? and position = ?", String.class,
                sent - 1, position)).contains("ledger", "market-data", "balances", "orders", "trades", "markets"));
    }

    private static TradeExecutedEvent executed(long sequence, String price, String quantity, OrderSide takerSide) {
        BigDecimal quote = new BigDecimal(price).multiply(new BigDecimal(quantity)).setScale(8);
        return new TradeExecutedEvent(TradeId.of(MARKET, sequence), MARKET, sequence, new BigDecimal(price),
                new BigDecimal(quantity), quote, OrderId.random(), AccountId.of("maker"), OrderId.random(),
                AccountId.of("taker"), takerSide, BigDecimal.ZERO, BigDecimal.ZERO, USDT);
    }

    private void publish(String type, String id, long sequence, Object payload) throws Exception {
        publish(type, id, sequence, payload, Instant.now());
    }

    private void publish(String type, String id, long sequence, Object payload, Instant at) throws Exception {
        DomainEventMessage<?> event = EventTopic.event(type, id, sequence, payload, at);
        published.add(event);
        topic.publish(event, ++position);
        sent++;
    }

    /** This test's events once more, in the same order and with the same ids: nothing may change. */
    private void redeliverEverything() throws Exception {
        for (DomainEventMessage<?> event : List.copyOf(published)) {
            topic.publish(event, position);
            sent++;
        }
    }

    private long progressOf(String processor) {
        List<Long> offsets = database.queryForList("select kafka_offset from projection_progress where processor = ?",
                Long.class, processor);
        return offsets.isEmpty() ? -1 : offsets.getFirst();
    }

    private BigDecimal sum(AccountId account, String asset, String bucket) {
        return database.queryForObject("select coalesce(sum(amount), 0) from ledger_postings where account_id = ? "
                + "and asset = ? and bucket = ?", BigDecimal.class, account.value(), asset, bucket);
    }

    private long count(String sql) {
        return database.queryForObject(sql, Long.class);
    }

    private static BigDecimal usdt(String amount) {
        return new BigDecimal(amount);
    }

    private static BigDecimal eth(String amount) {
        return new BigDecimal(amount);
    }
}
