package org.exchange.command.market.engine;

import org.exchange.command.market.engine.BookEvent.Accepted;
import org.exchange.command.market.engine.BookEvent.CancelRejected;
import org.exchange.command.market.engine.BookEvent.Canceled;
import org.exchange.command.market.engine.BookEvent.Expired;
import org.exchange.command.market.engine.BookEvent.Filled;
import org.exchange.command.market.engine.BookEvent.Rejected;
import org.exchange.command.market.engine.BookEvent.Rested;
import org.exchange.command.market.engine.BookEvent.Trade;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchange.command.market.engine.ExpiryReason.BUDGET_BELOW_LOT_PRICE;
import static org.exchange.command.market.engine.ExpiryReason.NOT_FULLY_FILLABLE;
import static org.exchange.command.market.engine.ExpiryReason.NO_LIQUIDITY;
import static org.exchange.command.market.engine.ExpiryReason.SELF_TRADE;
import static org.exchange.command.market.engine.OrderType.LIMIT_FOK;
import static org.exchange.command.market.engine.OrderType.LIMIT_GTC;
import static org.exchange.command.market.engine.OrderType.LIMIT_IOC;
import static org.exchange.command.market.engine.OrderType.LIMIT_MAKER;
import static org.exchange.command.market.engine.OrderType.MARKET;
import static org.exchange.command.market.engine.OrderType.MARKET_BY_QUOTE;
import static org.exchange.command.market.engine.SelfTradePrevention.EXPIRE_BOTH;
import static org.exchange.command.market.engine.SelfTradePrevention.EXPIRE_MAKER;
import static org.exchange.command.market.engine.SelfTradePrevention.EXPIRE_TAKER;
import static org.exchange.command.market.engine.Side.BUY;
import static org.exchange.command.market.engine.Side.SELL;

/**
 * The matching rules, as given/when/then examples. Both the engine and the reference book must pass
 * them: the differential test only shows that the two agree, these show that they are right.
 */
abstract class OrderBookRules {

    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long TAKER = 9;

    private final EventRecorder recorder = new EventRecorder();
    private OrderBook book;

    protected abstract OrderBook createBook(OrderBookListener listener);

    @BeforeEach
    void emptyBook() {
        book = createBook(recorder);
    }

    // ---- price-time priority and maker price

    @Test
    void tradeHappensAtRestingOrdersPriceNotAtIncomingLimit() {
        givenResting(1, ALICE, SELL, 100, 5);

        place(2, TAKER, BUY, LIMIT_GTC, 105, 5);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(2),
                new Trade(1, 2, ALICE, TAKER, 100, 5, BUY),
                new Filled(1),
                new Filled(2));
    }

    @Test
    void betterPricedRestingOrderMatchesFirst() {
        givenResting(1, ALICE, SELL, 101, 5);
        givenResting(2, BOB, SELL, 100, 5);

        place(3, TAKER, BUY, LIMIT_GTC, 101, 7);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Trade(2, 3, BOB, TAKER, 100, 5, BUY),
                new Filled(2),
                new Trade(1, 3, ALICE, TAKER, 101, 2, BUY),
                new Filled(3));
        assertThat(book.remainingQuantity(1)).isEqualTo(3);
    }

    @Test
    void olderRestingOrderAtSamePriceMatchesFirst() {
        givenResting(1, ALICE, BUY, 100, 5);
        givenResting(2, BOB, BUY, 100, 5);

        place(3, TAKER, SELL, LIMIT_GTC, 100, 6);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Trade(1, 3, ALICE, TAKER, 100, 5, SELL),
                new Filled(1),
                new Trade(2, 3, BOB, TAKER, 100, 1, SELL),
                new Filled(3));
    }

    @Test
    void restingOrderKeepsPriorityAfterPartialFill() {
        givenResting(1, ALICE, SELL, 100, 10);
        givenResting(2, BOB, SELL, 100, 10);
        givenPlaced(3, TAKER, BUY, LIMIT_GTC, 100, 4);

        place(4, TAKER, BUY, LIMIT_GTC, 100, 8);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(4),
                new Trade(1, 4, ALICE, TAKER, 100, 6, BUY),
                new Filled(1),
                new Trade(2, 4, BOB, TAKER, 100, 2, BUY),
                new Filled(4));
        assertThat(book.remainingQuantity(2)).isEqualTo(8);
    }

    @Test
    void gtcRemainderRestsAtItsLimitAfterSweepingLevels() {
        givenResting(1, ALICE, SELL, 100, 2);
        givenResting(2, BOB, SELL, 101, 2);
        givenResting(3, BOB, SELL, 103, 2);

        place(4, TAKER, BUY, LIMIT_GTC, 102, 10);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(4),
                new Trade(1, 4, ALICE, TAKER, 100, 2, BUY),
                new Filled(1),
                new Trade(2, 4, BOB, TAKER, 101, 2, BUY),
                new Filled(2),
                new Rested(4, 102, 6));
        assertThat(book.bestBid()).isEqualTo(102);
        assertThat(book.bestAsk()).isEqualTo(103);
        assertThat(book.remainingQuantity(4)).isEqualTo(6);
    }

    @Test
    void limitOrderThatDoesNotCrossRests() {
        givenResting(1, ALICE, SELL, 101, 5);

        place(2, TAKER, BUY, LIMIT_GTC, 100, 5);

        assertThat(recorder.drain()).containsExactly(new Accepted(2), new Rested(2, 100, 5));
        assertThat(book.restingOrderCount()).isEqualTo(2);
    }

    @Test
    void partialFillReducesTheLevelTotal() {
        givenResting(1, ALICE, SELL, 100, 10);
        givenResting(2, BOB, SELL, 100, 5);

        givenPlaced(3, TAKER, BUY, LIMIT_IOC, 100, 4);

        long[] prices = new long[4];
        long[] quantities = new long[4];
        int[] counts = new int[4];
        assertThat(book.depth(SELL, 4, prices, quantities, counts)).isEqualTo(1);
        assertThat(quantities[0]).isEqualTo(11);
        assertThat(counts[0]).isEqualTo(2);
    }

    // ---- time in force

    @Test
    void iocRemainderExpiresInsteadOfResting() {
        givenResting(1, ALICE, SELL, 100, 3);

        place(2, TAKER, BUY, LIMIT_IOC, 100, 5);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(2),
                new Trade(1, 2, ALICE, TAKER, 100, 3, BUY),
                new Filled(1),
                new Expired(2, 2, 0, NO_LIQUIDITY));
        assertThat(book.restingOrderCount()).isZero();
    }

    @Test
    void iocThatCannotMatchExpiresWhole() {
        givenResting(1, ALICE, SELL, 101, 3);

        place(2, TAKER, BUY, LIMIT_IOC, 100, 5);

        assertThat(recorder.drain()).containsExactly(new Accepted(2), new Expired(2, 5, 0, NO_LIQUIDITY));
        assertThat(book.remainingQuantity(1)).isEqualTo(3);
    }

    @Test
    void fokFillsCompletelyAcrossLevels() {
        givenResting(1, ALICE, BUY, 100, 3);
        givenResting(2, BOB, BUY, 99, 3);

        place(3, TAKER, SELL, LIMIT_FOK, 99, 5);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Trade(1, 3, ALICE, TAKER, 100, 3, SELL),
                new Filled(1),
                new Trade(2, 3, BOB, TAKER, 99, 2, SELL),
                new Filled(3));
    }

    @Test
    void fokThatCannotFillCompletelyExpiresWithoutTouchingTheBook() {
        givenResting(1, ALICE, BUY, 100, 3);
        givenResting(2, BOB, BUY, 99, 3);
        long before = book.stateHash();

        place(3, TAKER, SELL, LIMIT_FOK, 99, 7);

        assertThat(recorder.drain()).containsExactly(new Accepted(3), new Expired(3, 7, 0, NOT_FULLY_FILLABLE));
        assertThat(book.stateHash()).isEqualTo(before);
        assertThat(book.remainingQuantity(1)).isEqualTo(3);
    }

    @Test
    void fokDoesNotCountQuantityBeyondItsLimit() {
        givenResting(1, ALICE, BUY, 100, 3);
        givenResting(2, BOB, BUY, 98, 10);

        place(3, TAKER, SELL, LIMIT_FOK, 99, 4);

        assertThat(recorder.drain()).containsExactly(new Accepted(3), new Expired(3, 4, 0, NOT_FULLY_FILLABLE));
    }

    // ---- market orders

    @Test
    void marketBuyTakesEveryPriceUntilFilled() {
        givenResting(1, ALICE, SELL, 100, 2);
        givenResting(2, BOB, SELL, 5_000, 2);

        place(3, TAKER, BUY, MARKET, 0, 3);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Trade(1, 3, ALICE, TAKER, 100, 2, BUY),
                new Filled(1),
                new Trade(2, 3, BOB, TAKER, 5_000, 1, BUY),
                new Filled(3));
    }

    @Test
    void marketSellRemainderExpiresWhenBidsRunOut() {
        givenResting(1, ALICE, BUY, 100, 2);

        place(2, TAKER, SELL, MARKET, 0, 5);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(2),
                new Trade(1, 2, ALICE, TAKER, 100, 2, SELL),
                new Filled(1),
                new Expired(2, 3, 0, NO_LIQUIDITY));
        assertThat(book.bestBid()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void marketOrderOnEmptyBookExpiresWhole() {
        place(1, TAKER, BUY, MARKET, 0, 5);

        assertThat(recorder.drain()).containsExactly(new Accepted(1), new Expired(1, 5, 0, NO_LIQUIDITY));
    }

    @Test
    void quoteBudgetBuyThatSpendsItsBudgetExactlyIsFilled() {
        givenResting(1, ALICE, SELL, 100, 5);
        givenResting(2, BOB, SELL, 101, 5);

        placeByQuote(3, TAKER, 702, null);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Trade(1, 3, ALICE, TAKER, 100, 5, BUY),
                new Filled(1),
                new Trade(2, 3, BOB, TAKER, 101, 2, BUY),
                new Filled(3));
    }

    @Test
    void quoteBudgetBuyBuysWholeLotsOnlyAndReportsUnspentBudget() {
        givenResting(1, ALICE, SELL, 100, 5);

        placeByQuote(2, TAKER, 250, null);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(2),
                new Trade(1, 2, ALICE, TAKER, 100, 2, BUY),
                new Expired(2, 0, 50, BUDGET_BELOW_LOT_PRICE));
        assertThat(book.remainingQuantity(1)).isEqualTo(3);
    }

    @Test
    void quoteBudgetBuyStopsAtFirstPriceItCannotAffordOneLotOf() {
        givenResting(1, ALICE, SELL, 100, 1);
        givenResting(2, BOB, SELL, 120, 5);

        placeByQuote(3, TAKER, 219, null);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Trade(1, 3, ALICE, TAKER, 100, 1, BUY),
                new Filled(1),
                new Expired(3, 0, 119, BUDGET_BELOW_LOT_PRICE));
    }

    @Test
    void quoteBudgetBuyExpiresWhenAsksRunOut() {
        givenResting(1, ALICE, SELL, 100, 2);

        placeByQuote(2, TAKER, 1_000, null);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(2),
                new Trade(1, 2, ALICE, TAKER, 100, 2, BUY),
                new Filled(1),
                new Expired(2, 0, 800, NO_LIQUIDITY));
    }

    @Test
    void quoteBudgetSellIsRejected() {
        givenResting(1, ALICE, BUY, 100, 2);

        book.place(2, TAKER, SELL, MARKET_BY_QUOTE, 0, 0, 1_000, null);

        assertThat(recorder.drain()).containsExactly(new Rejected(2, RejectReason.INVALID_ORDER));
        assertThat(book.remainingQuantity(1)).isEqualTo(2);
    }

    // ---- post-only

    @Test
    void postOnlyOrderThatWouldNotTakeRests() {
        givenResting(1, ALICE, SELL, 101, 5);

        place(2, TAKER, BUY, LIMIT_MAKER, 100, 5);

        assertThat(recorder.drain()).containsExactly(new Accepted(2), new Rested(2, 100, 5));
    }

    @Test
    void postOnlyOrderThatWouldTakeIsRejectedAndBookIsUnchanged() {
        givenResting(1, ALICE, SELL, 101, 5);
        long before = book.stateHash();

        place(2, TAKER, BUY, LIMIT_MAKER, 101, 5);

        assertThat(recorder.drain()).containsExactly(new Rejected(2, RejectReason.WOULD_TAKE));
        assertThat(book.stateHash()).isEqualTo(before);
        assertThat(book.restingOrderCount()).isEqualTo(1);
    }

    @Test
    void postOnlyOrderIsRejectedEvenWhenOnlyOwnOrdersWouldBeReached() {
        givenResting(1, TAKER, BUY, 100, 5);

        place(2, TAKER, SELL, LIMIT_MAKER, 99, 5);

        assertThat(recorder.drain()).containsExactly(new Rejected(2, RejectReason.WOULD_TAKE));
    }

    // ---- self-trade prevention

    @Test
    void selfTradeExpiresTheIncomingOrderByDefault() {
        givenResting(1, ALICE, SELL, 100, 2);
        givenResting(2, TAKER, SELL, 100, 5);
        givenResting(3, BOB, SELL, 100, 5);

        book.place(4, TAKER, BUY, LIMIT_IOC, 100, 10, 0, null);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(4),
                new Trade(1, 4, ALICE, TAKER, 100, 2, BUY),
                new Filled(1),
                new Expired(4, 8, 0, SELF_TRADE));
        assertThat(book.remainingQuantity(2)).isEqualTo(5);
        assertThat(book.remainingQuantity(3)).isEqualTo(5);
    }

    @Test
    void gtcRemainderExpiresInsteadOfRestingAfterExpireTaker() {
        givenResting(1, TAKER, SELL, 100, 5);

        book.place(2, TAKER, BUY, LIMIT_GTC, 101, 3, 0, EXPIRE_TAKER);

        assertThat(recorder.drain()).containsExactly(new Accepted(2), new Expired(2, 3, 0, SELF_TRADE));
        assertThat(book.bestBid()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void expireMakerRemovesOwnRestingOrderAndMatchingContinues() {
        givenResting(1, TAKER, SELL, 100, 5);
        givenResting(2, BOB, SELL, 100, 5);

        book.place(3, TAKER, BUY, LIMIT_GTC, 100, 8, 0, EXPIRE_MAKER);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Expired(1, 5, 0, SELF_TRADE),
                new Trade(2, 3, BOB, TAKER, 100, 5, BUY),
                new Filled(2),
                new Rested(3, 100, 3));
        assertThat(book.remainingQuantity(1)).isZero();
    }

    @Test
    void expireBothRemovesOwnRestingOrderAndExpiresIncomingOrder() {
        givenResting(1, TAKER, BUY, 100, 5);
        givenResting(2, BOB, BUY, 100, 5);

        book.place(3, TAKER, SELL, LIMIT_GTC, 100, 8, 0, EXPIRE_BOTH);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Expired(1, 5, 0, SELF_TRADE),
                new Expired(3, 8, 0, SELF_TRADE));
        assertThat(book.remainingQuantity(2)).isEqualTo(5);
        assertThat(book.restingOrderCount()).isEqualTo(1);
    }

    @Test
    void fokWithExpireTakerDoesNotCountQuantityBehindOwnOrder() {
        givenResting(1, ALICE, SELL, 100, 2);
        givenResting(2, TAKER, SELL, 100, 5);
        givenResting(3, BOB, SELL, 100, 5);
        long before = book.stateHash();

        book.place(4, TAKER, BUY, LIMIT_FOK, 100, 4, 0, EXPIRE_TAKER);

        assertThat(recorder.drain()).containsExactly(new Accepted(4), new Expired(4, 4, 0, NOT_FULLY_FILLABLE));
        assertThat(book.stateHash()).isEqualTo(before);
    }

    @Test
    void fokWithExpireTakerFillsWhenEnoughQuantityIsAheadOfOwnOrder() {
        givenResting(1, ALICE, SELL, 100, 4);
        givenResting(2, TAKER, SELL, 100, 5);

        book.place(3, TAKER, BUY, LIMIT_FOK, 100, 4, 0, EXPIRE_TAKER);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Trade(1, 3, ALICE, TAKER, 100, 4, BUY),
                new Filled(1),
                new Filled(3));
        assertThat(book.remainingQuantity(2)).isEqualTo(5);
    }

    @Test
    void fokWithExpireBothThatCannotFillLeavesOwnOrderResting() {
        givenResting(1, TAKER, SELL, 100, 5);
        givenResting(2, BOB, SELL, 100, 5);
        long before = book.stateHash();

        book.place(3, TAKER, BUY, LIMIT_FOK, 100, 4, 0, EXPIRE_BOTH);

        assertThat(recorder.drain()).containsExactly(new Accepted(3), new Expired(3, 4, 0, NOT_FULLY_FILLABLE));
        assertThat(book.stateHash()).isEqualTo(before);
    }

    @Test
    void fokWithExpireMakerCountsOnlyOtherAccountsAndExpiresOwnOrdersWhenItExecutes() {
        givenResting(1, TAKER, SELL, 100, 5);
        givenResting(2, BOB, SELL, 100, 3);
        givenResting(3, ALICE, SELL, 101, 3);

        book.place(4, TAKER, BUY, LIMIT_FOK, 101, 6, 0, EXPIRE_MAKER);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(4),
                new Expired(1, 5, 0, SELF_TRADE),
                new Trade(2, 4, BOB, TAKER, 100, 3, BUY),
                new Filled(2),
                new Trade(3, 4, ALICE, TAKER, 101, 3, BUY),
                new Filled(3),
                new Filled(4));
        assertThat(book.restingOrderCount()).isZero();
    }

    @Test
    void fokWithExpireMakerThatCannotFillLeavesOwnOrdersResting() {
        givenResting(1, TAKER, SELL, 100, 5);
        givenResting(2, BOB, SELL, 100, 3);
        long before = book.stateHash();

        book.place(3, TAKER, BUY, LIMIT_FOK, 100, 4, 0, EXPIRE_MAKER);

        assertThat(recorder.drain()).containsExactly(new Accepted(3), new Expired(3, 4, 0, NOT_FULLY_FILLABLE));
        assertThat(book.stateHash()).isEqualTo(before);
    }

    @Test
    void quoteBudgetBuyAppliesSelfTradePrevention() {
        givenResting(1, TAKER, SELL, 100, 5);
        givenResting(2, BOB, SELL, 100, 5);

        placeByQuote(3, TAKER, 300, EXPIRE_MAKER);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(3),
                new Expired(1, 5, 0, SELF_TRADE),
                new Trade(2, 3, BOB, TAKER, 100, 3, BUY),
                new Filled(3));
    }

    @Test
    void marketOrderWithExpireTakerStopsAtOwnOrder() {
        givenResting(1, TAKER, BUY, 100, 5);

        book.place(2, TAKER, SELL, MARKET, 0, 3, 0, EXPIRE_TAKER);

        assertThat(recorder.drain()).containsExactly(new Accepted(2), new Expired(2, 3, 0, SELF_TRADE));
        assertThat(book.remainingQuantity(1)).isEqualTo(5);
    }

    // ---- cancel

    @Test
    void cancelRemovesRestingOrderAndReportsItsRemainder() {
        givenResting(1, ALICE, SELL, 100, 10);
        givenPlaced(2, TAKER, BUY, LIMIT_IOC, 100, 4);

        book.cancel(1);

        assertThat(recorder.drain()).containsExactly(new Canceled(1, 6));
        assertThat(book.restingOrderCount()).isZero();
        assertThat(book.bestAsk()).isEqualTo(OrderBook.NO_PRICE);
    }

    @Test
    void cancelOfUnknownOrderReportsOrderNotFoundAndChangesNothing() {
        givenResting(1, ALICE, SELL, 100, 10);
        long before = book.stateHash();

        book.cancel(42);

        assertThat(recorder.drain()).containsExactly(new CancelRejected(42, RejectReason.ORDER_NOT_FOUND));
        assertThat(book.stateHash()).isEqualTo(before);
    }

    @Test
    void cancelOfFilledOrderReportsOrderNotFound() {
        givenResting(1, ALICE, SELL, 100, 4);
        givenPlaced(2, TAKER, BUY, LIMIT_IOC, 100, 4);

        book.cancel(1);

        assertThat(recorder.drain()).containsExactly(new CancelRejected(1, RejectReason.ORDER_NOT_FOUND));
    }

    @Test
    void secondCancelOfSameOrderReportsOrderNotFound() {
        givenResting(1, ALICE, SELL, 100, 4);
        book.cancel(1);
        recorder.drain();

        book.cancel(1);

        assertThat(recorder.drain()).containsExactly(new CancelRejected(1, RejectReason.ORDER_NOT_FOUND));
    }

    @Test
    void cancelOfOneOrderKeepsTheOthersOfItsLevelInOrder() {
        givenResting(1, ALICE, SELL, 100, 1);
        givenResting(2, BOB, SELL, 100, 1);
        givenResting(3, ALICE, SELL, 100, 1);
        book.cancel(2);
        recorder.drain();

        place(4, TAKER, BUY, LIMIT_GTC, 100, 2);

        assertThat(recorder.drain()).containsExactly(
                new Accepted(4),
                new Trade(1, 4, ALICE, TAKER, 100, 1, BUY),
                new Filled(1),
                new Trade(3, 4, ALICE, TAKER, 100, 1, BUY),
                new Filled(3),
                new Filled(4));
    }

    // ---- validation

    @Test
    void rejectsLimitOrderWithoutPositivePrice() {
        place(1, ALICE, BUY, LIMIT_GTC, 0, 5);

        assertThat(recorder.drain()).containsExactly(new Rejected(1, RejectReason.INVALID_PRICE));
    }

    @Test
    void rejectsOrderWithoutPositiveQuantity() {
        place(1, ALICE, BUY, LIMIT_GTC, 100, 0);
        place(2, ALICE, SELL, MARKET, 0, -3);
        placeByQuote(3, ALICE, 0, null);

        assertThat(recorder.drain()).containsExactly(
                new Rejected(1, RejectReason.INVALID_QUANTITY),
                new Rejected(2, RejectReason.INVALID_QUANTITY),
                new Rejected(3, RejectReason.INVALID_QUANTITY));
    }

    @Test
    void rejectsOrderWithoutSideOrType() {
        book.place(1, ALICE, null, LIMIT_GTC, 100, 5, 0, null);
        book.place(2, ALICE, BUY, null, 100, 5, 0, null);

        assertThat(recorder.drain()).containsExactly(
                new Rejected(1, RejectReason.INVALID_ORDER),
                new Rejected(2, RejectReason.INVALID_ORDER));
    }

    @Test
    void rejectsOrderWhoseIdIsAlreadyResting() {
        givenResting(1, ALICE, SELL, 100, 5);

        place(1, BOB, BUY, LIMIT_GTC, 100, 5);

        assertThat(recorder.drain()).containsExactly(new Rejected(1, RejectReason.DUPLICATE_ORDER_ID));
        assertThat(book.remainingQuantity(1)).isEqualTo(5);
    }

    // ---- inspection

    @Test
    void emptyBookHasNoBestPricesAndNoDepth() {
        assertThat(book.bestBid()).isEqualTo(OrderBook.NO_PRICE);
        assertThat(book.bestAsk()).isEqualTo(OrderBook.NO_PRICE);
        assertThat(book.depth(BUY, 5, new long[5], new long[5], new int[5])).isZero();
        assertThat(book.restingOrderCount()).isZero();
    }

    @Test
    void depthListsLevelsBestFirstWithTotalsAndOrderCounts() {
        givenResting(1, ALICE, BUY, 99, 5);
        givenResting(2, BOB, BUY, 100, 2);
        givenResting(3, ALICE, BUY, 98, 1);
        givenResting(4, BOB, BUY, 99, 4);
        givenResting(5, BOB, SELL, 101, 7);
        long[] prices = new long[2];
        long[] quantities = new long[2];
        int[] counts = new int[2];

        int levels = book.depth(BUY, 5, prices, quantities, counts);

        assertThat(levels).isEqualTo(2);
        assertThat(prices).containsExactly(100, 99);
        assertThat(quantities).containsExactly(2, 9);
        assertThat(counts).containsExactly(1, 2);
        assertThat(book.bestBid()).isEqualTo(100);
        assertThat(book.bestAsk()).isEqualTo(101);
        assertThat(book.restingOrderCount()).isEqualTo(5);
    }

    @Test
    void stateHashDependsOnPriorityOrder() {
        givenResting(1, ALICE, BUY, 100, 5);
        givenResting(2, BOB, BUY, 100, 5);
        OrderBook other = createBook(new EventRecorder());
        other.place(2, BOB, BUY, LIMIT_GTC, 100, 5, 0, null);
        other.place(1, ALICE, BUY, LIMIT_GTC, 100, 5, 0, null);

        assertThat(book.stateHash()).isNotEqualTo(other.stateHash());
    }

    @Test
    void stateHashDependsOnRemainingQuantity() {
        givenResting(1, ALICE, BUY, 100, 5);
        long before = book.stateHash();

        givenPlaced(2, BOB, SELL, LIMIT_IOC, 100, 1);

        assertThat(book.stateHash()).isNotEqualTo(before);
    }

    @Test
    void booksReachedByDifferentPathsHaveEqualStateHash() {
        givenResting(1, ALICE, BUY, 100, 5);
        givenResting(2, BOB, SELL, 101, 5);
        givenPlaced(3, BOB, SELL, LIMIT_IOC, 100, 2);
        OrderBook other = createBook(new EventRecorder());
        other.place(7, ALICE, BUY, LIMIT_GTC, 90, 1, 0, null);
        other.place(1, ALICE, BUY, LIMIT_GTC, 100, 3, 0, null);
        other.place(2, BOB, SELL, LIMIT_GTC, 101, 5, 0, null);
        other.cancel(7);

        assertThat(book.stateHash()).isEqualTo(other.stateHash());
    }

    // ---- helpers

    private void place(long id, long account, Side side, OrderType type, long price, long quantity) {
        book.place(id, account, side, type, price, quantity, 0, EXPIRE_TAKER);
    }

    private void placeByQuote(long id, long account, long budget, SelfTradePrevention stp) {
        book.place(id, account, BUY, MARKET_BY_QUOTE, 0, 0, budget, stp);
    }

    private void givenResting(long id, long account, Side side, long price, long quantity) {
        place(id, account, side, LIMIT_GTC, price, quantity);
        assertThat(recorder.drain()).as("given order %d rests untouched", id)
                .containsExactly(new Accepted(id), new Rested(id, price, quantity));
    }

    private void givenPlaced(long id, long account, Side side, OrderType type, long price, long quantity) {
        place(id, account, side, type, price, quantity);
        recorder.drain();
    }
}
