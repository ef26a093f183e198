package org.exchange.command.market;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.exchange.api.account.AccountId;
import org.exchange.api.market.CancelAccountOrdersCommand;
import org.exchange.api.market.CancelOrderInBookCommand;
import org.exchange.api.market.StopOrderTriggeredEvent;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.command.market.BookOrders.BTC_USDT;
import static org.exchange.command.market.BookOrders.NOW;
import static org.exchange.command.market.BookOrders.OPENED;
import static org.exchange.command.market.BookOrders.limit;
import static org.exchange.command.market.BookOrders.limitMaker;
import static org.exchange.command.market.BookOrders.market;
import static org.exchange.command.market.BookOrders.marketBuyByQuote;
import static org.exchange.command.market.BookOrders.stopLimit;
import static org.exchange.command.market.BookOrders.stopMarket;
import static org.exchange.command.market.BookOrders.submit;

/**
 * A market rebuilt from its events has exactly the book it had live: same resting orders in the same
 * priority (engine state hash), same engine ids. Random order flow of every type, with cancels.
 */
class MarketReplayTest {

    private static final String[] ACCOUNTS = {"alice", "bob", "carol"};
    private static final int COMMANDS = 400;

    @Test
    void replayingTheEventsRebuildsTheSameBook() {
        for (long seed = 1; seed <= 5; seed++) {
            replayRebuildsTheSameBook(seed);
        }
    }

    private void replayRebuildsTheSameBook(long seed) {
        FixtureConfiguration<Market> live = fixture();
        AtomicReference<Market> liveMarket = new AtomicReference<>();
        live.givenCurrentTime(NOW).andGiven(OPENED).andGivenCommands(randomCommands(new Random(seed)))
                .when(new CancelOrderInBookCommand(BTC_USDT, OrderId.of("never-submitted")))
                .expectState(liveMarket::set);
        List<Object> history = live.getEventStore().readEvents(BTC_USDT.value()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();

        AtomicReference<Market> replayed = new AtomicReference<>();
        fixture().givenCurrentTime(NOW).andGiven(history)
                .when(new CancelOrderInBookCommand(BTC_USDT, OrderId.of("never-submitted")))
                .expectNoEvents()
                .expectState(replayed::set);

        assertThat(history).filteredOn(TradeExecutedEvent.class::isInstance).hasSizeGreaterThan(50);
        assertThat(history).filteredOn(StopOrderTriggeredEvent.class::isInstance).isNotEmpty();
        assertThat(liveMarket.get().engineIdsOfOpenOrders()).isNotEmpty();
        assertThat(replayed.get().bookStateHash()).as("seed %d", seed).isEqualTo(liveMarket.get().bookStateHash());
        assertThat(replayed.get().engineIdsOfOpenOrders()).isEqualTo(liveMarket.get().engineIdsOfOpenOrders());
        assertThat(replayed.get().engineAccountIds()).isEqualTo(liveMarket.get().engineAccountIds());
    }

    private static FixtureConfiguration<Market> fixture() {
        return new AggregateTestFixture<>(Market.class).registerInjectableResource(BookOrders.assets());
    }

    private static List<Object> randomCommands(Random random) {
        List<Object> commands = new ArrayList<>();
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            int dice = random.nextInt(100);
            String account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
            if (dice < 12 && !submitted.isEmpty()) {
                commands.add(new CancelOrderInBookCommand(BTC_USDT,
                        OrderId.of(submitted.get(random.nextInt(submitted.size())))));
            } else if (dice < 14) {
                commands.add(new CancelAccountOrdersCommand(BTC_USDT, AccountId.of(account)));
            } else {
                String orderId = "o" + i;
                submitted.add(orderId);
                commands.add(submit(orderId, account, randomTerms(random)));
            }
        }
        return commands;
    }

    private static OrderTerms randomTerms(Random random) {
        OrderSide side = random.nextBoolean() ? OrderSide.BUY : OrderSide.SELL;
        String price = price(random);
        String quantity = BigDecimal.valueOf(1 + random.nextInt(2000), 3).toPlainString();
        int kind = random.nextInt(100);
        if (kind < 50) {
            TimeInForce tif = TimeInForce.values()[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2)];
            SelfTradeMode mode = random.nextInt(4) == 0 ? null : SelfTradeMode.values()[random.nextInt(3)];
            return limit(side, tif, price, quantity, mode);
        }
        if (kind < 60) {
            return limitMaker(side, price, quantity);
        }
        if (kind < 72) {
            return market(side, quantity);
        }
        if (kind < 78) {
            return marketBuyByQuote(BigDecimal.valueOf(1000 + random.nextInt(100_000), 2).toPlainString());
        }
        if (kind < 90) {
            return stopLimit(side, price(random), price, quantity);
        }
        return stopMarket(side, price(random), quantity);
    }

    /** Prices around 100.00, so that orders cross often. */
    private static String price(Random random) {
        return BigDecimal.valueOf(9_900 + random.nextInt(201), 2).toPlainString();
    }
}
