package org.exchange.platform.audit;

import org.exchange.api.account.AccountId;
import org.exchange.api.account.AccountOpenedEvent;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The books' checks on crafted event sequences: alice buys 0.5 BTC at 100 from bob (alice takes at
 * 0.2 %, bob made at 0.1 %), every posting as the command side writes it, then one thing wrong.
 */
class BooksTest {

    private static final Asset BTC = Asset.of("BTC");
    private static final Asset USDT = Asset.of("USDT");
    private static final MarketId MARKET = MarketId.of("BTC-USDT");
    private static final AccountId ALICE = AccountId.of("alice");
    private static final AccountId BOB = AccountId.of("bob");
    private static final AccountId FEES = AccountId.of("fees:BTC-USDT");
    private static final OrderId BUY = OrderId.of("buy-1");
    private static final OrderId SELL = OrderId.of("sell-1");
    private static final TradeId TRADE = TradeId.of(MARKET, 1);

    /** Events with positions, aggregate sequences and times, as the event store would hold them. */
    private static final class Stream {
        final List<EventRef> refs = new ArrayList<>();
        final List<Object> events = new ArrayList<>();
        final Map<String, Long> sequences = new HashMap<>();
        Instant clock = Instant.parse("2026-11-22T08:00:00Z");

        Stream on(String aggregate, Object event) {
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            long position = refs.size() + 1;
            refs.add(new EventRef(position, aggregate, sequence, "event-" + position, clock));
            events.add(event);
            clock = clock.plusMillis(10);
            return this;
        }

        Stream later(Duration by) {
            clock = clock.plus(by);
            return this;
        }

        List<Breach> verify(List<String> notes) {
            List<Breach> breaches = new ArrayList<>();
            Books books = new Books(breaches::add);
            for (int i = 0; i < events.size(); i++) {
                books.apply(refs.get(i), events.get(i));
            }
            books.finish(notes);
            return breaches;
        }

        List<Breach> verify() {
            return verify(new ArrayList<>());
        }
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static TradeExecutedEvent trade() {
        return new TradeExecutedEvent(TRADE, MARKET, 1, d("100.00"), d("0.50000000"), d("50.00000000"), SELL, BOB, BUY,
                ALICE, OrderSide.BUY, d("0.05000000"), d("0.10000000"), USDT);
    }

    /** Both traders funded, both orders holding funds, the trade executed. */
    private static Stream ordersMatched() {
        return new Stream()
                .on("alice", new AccountOpenedEvent(ALICE, "alice"))
                .on("alice", new FundsDepositedEvent(ALICE, DepositId.of("d-1"), USDT, d("1000.00000000"), d("1000.00000000")))
                .on("bob", new AccountOpenedEvent(BOB, "bob"))
                .on("bob", new FundsDepositedEvent(BOB, DepositId.of("d-2"), BTC, d("1.00000000"), d("1.00000000")))
                .on("alice", new FundsReservedEvent(ALICE, BUY, USDT, d("50.10000000"), d("949.90000000"), d("50.10000000")))
                .on("bob", new FundsReservedEvent(BOB, SELL, BTC, d("0.50000000"), d("0.50000000"), d("0.50000000")))
                .on("BTC-USDT", trade());
    }

    private static Stream settled(Stream stream, String sellerCredit, String sellerAvailableAfter) {
        return stream
                .on("alice", new TradeSettledOnAccountEvent(ALICE, TRADE, BUY, USDT, d("50.10000000"), d("0.00000000"), BTC,
                        d("0.50000000"), d("0.50000000"), d("0.10000000")))
                .on("bob", new TradeSettledOnAccountEvent(BOB, TRADE, SELL, BTC, d("0.50000000"), d("0.00000000"), USDT,
                        d(sellerCredit), d(sellerAvailableAfter), d("0.05000000")))
                .on("fees:BTC-USDT", new AccountOpenedEvent(FEES, Books.FEE_ACCOUNT_OWNER))
                .on("fees:BTC-USDT", new FeeCollectedEvent(FEES, TRADE, USDT, d("0.15000000"), d("0.15000000")))
                .on("buy-1", new OrderFillRecordedEvent(BUY, ALICE, MARKET, TRADE, Liquidity.TAKER, d("100.00"),
                        d("0.50000000"), d("50.00000000"), d("0.10000000"), USDT, d("0.50000000"), d("50.00000000"),
                        d("0.10000000")))
                .on("sell-1", new OrderFillRecordedEvent(SELL, BOB, MARKET, TRADE, Liquidity.MAKER, d("100.00"),
                        d("0.50000000"), d("50.00000000"), d("0.05000000"), USDT, d("0.50000000"), d("50.00000000"),
                        d("0.05000000")))
                .on(TRADE.value(), new TradeSettledEvent(TRADE, MARKET, 1, d("100.00"), d("0.50000000"),
                        d("50.00000000"), BUY, ALICE, SELL, BOB, OrderSide.BUY, d("0.10000000"), d("0.05000000"), USDT, FEES));
    }

    private static Stream closed(Stream stream, String aliceRelease) {
        return stream
                .on("buy-1", new OrderClosedEvent(BUY, ALICE, MARKET, OrderStatus.FILLED, null, d("0.50000000"),
                        d("50.00000000"), d("100.00"), d("0.10000000")))
                .on("alice", new FundsReleasedEvent(ALICE, BUY, USDT, d(aliceRelease),
                        d("949.90000000").add(d(aliceRelease)), d("0.00000000").subtract(d(aliceRelease))));
    }

    @Test
    void aTradeSettledAsTheCommandSideSettlesItHasNoBreach() {
        List<String> notes = new ArrayList<>();
        assertThat(closed(settled(ordersMatched(), "49.95000000", "49.95000000"), "0.00000000").verify(notes)).isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void aSettlementThatPaysTheSellerMoreThanTheBuyerGaveIsNotConservedFromThatPosition() {
        Stream stream = settled(ordersMatched(), "50.00000000", "50.00000000");

        assertThat(stream.verify()).extracting(Breach::check, Breach::kind, Breach::position)
                .containsExactly(tuple(Breach.Check.CONSERVATION, "NOT_CONSERVED", 14L));
    }

    @Test
    void aReservationBeyondTheAvailableBalanceIsANegativeBalance() {
        Stream stream = new Stream()
                .on("alice", new FundsDepositedEvent(ALICE, DepositId.of("d-1"), USDT, d("10.00000000"), d("10.00000000")))
                .on("alice", new FundsReservedEvent(ALICE, BUY, USDT, d("50.00000000"), d("-40.00000000"), d("50.00000000")));

        assertThat(stream.verify()).extracting(Breach::kind, Breach::position, Breach::aggregateId)
                .containsExactly(tuple("NEGATIVE_BALANCE", 2L, "alice"));
    }

    @Test
    void aBalanceAnEventStatesWrongIsNamed() {
        Stream stream = new Stream()
                .on("alice", new FundsDepositedEvent(ALICE, DepositId.of("d-1"), USDT, d("10.00000000"), d("10.00000000")))
                .on("alice", new FundsDepositedEvent(ALICE, DepositId.of("d-2"), USDT, d("5.00000000"), d("25.00000000")));

        assertThat(stream.verify()).extracting(Breach::kind, Breach::position)
                .containsExactly(tuple("STATED_BALANCE_DIFFERS", 2L));
    }

    @Test
    void aTradePostedTwiceForOneSideIsSettledTwice() {
        Stream stream = settled(ordersMatched(), "49.95000000", "49.95000000")
                .on("bob", new TradeSettledOnAccountEvent(BOB, TRADE, SELL, BTC, d("0.00000000"), d("0.00000000"), USDT,
                        d("0.00000000"), d("49.95000000"), d("0.00000000")));

        assertThat(stream.verify()).extracting(Breach::kind, Breach::position)
                .containsExactly(tuple("SETTLED_TWICE", 15L));
    }

    @Test
    void aTradeNeverSettledIsABreachOnceItIsOlderThanTheGraceAndOnlyANoteBefore() {
        List<String> notes = new ArrayList<>();
        assertThat(ordersMatched().verify(notes)).isEmpty();
        assertThat(notes).singleElement().asString().contains("still being settled");

        Stream old = ordersMatched().later(Books.SETTLEMENT_GRACE.plusSeconds(1))
                .on("alice", new FundsDepositedEvent(ALICE, DepositId.of("d-3"), USDT, d("1.00000000"), d("950.90000000")));
        assertThat(old.verify()).extracting(Breach::kind, Breach::position, Breach::aggregateId)
                .containsExactly(tuple("NOT_SETTLED", 7L, "BTC-USDT"));
    }

    @Test
    void fillsThatDoNotAddUpToTheClosedQuantityAreNamed() {
        Stream stream = settled(ordersMatched(), "49.95000000", "49.95000000")
                .on("buy-1", new OrderClosedEvent(BUY, ALICE, MARKET, OrderStatus.FILLED, null, d("0.60000000"),
                        d("60.00000000"), d("100.00"), d("0.10000000")));

        assertThat(stream.verify()).extracting(Breach::kind, Breach::aggregateId)
                .containsExactly(tuple("FILLS_DO_NOT_ADD_UP", "buy-1"));
    }

    @Test
    void aReleaseThatGivesBackMoreThanTheHoldHadLeftIsNamed() {
        Stream stream = closed(settled(ordersMatched(), "49.95000000", "49.95000000"), "1.00000000");

        assertThat(stream.verify()).extracting(Breach::kind).contains("HOLD_DOES_NOT_ADD_UP");
    }
}
