package org.exchange.api.account.ledger;

import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.HoldVoidedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.order.OrderId;
import org.exchange.api.trade.TradeId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class LedgerPostingsTest {

    private static final AccountId ALICE = AccountId.of("alice-account");
    private static final AccountId BOB = AccountId.of("bob-account");
    private static final AccountId FEES = AccountId.of("fees-btc-usdt");
    private static final Asset BTC = Asset.of("BTC");
    private static final Asset USDT = Asset.of("USDT");
    private static final TradeId TRADE = TradeId.of("BTC-USDT-7");

    @Test
    void everyEventsLegsSumToZeroPerAsset() {
        List<Object> events = List.of(
                new FundsDepositedEvent(ALICE, DepositId.of("d-1"), USDT, usd("1000.00"), usd("1000.00")),
                new FundsReservedEvent(ALICE, OrderId.of("o-1"), USDT, usd("501.00"), usd("499.00"), usd("501.00")),
                new FundsReleasedEvent(ALICE, OrderId.of("o-1"), USDT, usd("0.50"), usd("499.50"), usd("500.50")),
                buyerSettles(), sellerSettles(), feeCollected());
        for (Object event : events) {
            assertThat(sumsByAsset(LedgerPostings.of(event)).values())
                    .as(event.getClass().getSimpleName())
                    .allSatisfy(sum -> assertThat(sum).isEqualByComparingTo("0"));
        }
    }

    @Test
    void aDepositIsCreditedToTheTraderAndDebitedToTheDepositsAccount() {
        List<Posting> postings = LedgerPostings.of(
                new FundsDepositedEvent(ALICE, DepositId.of("d-1"), USDT, usd("1000.00"), usd("1250.00")));

        assertThat(postings).extracting(Posting::account, Posting::amount, Posting::balanceAfter)
                .containsExactly(
                        tuple(ALICE.value(), usd("1000.00"), usd("1250.00")),
                        tuple(LedgerPostings.DEPOSITS, usd("-1000.00"), null));
    }

    @Test
    void aFullySettledTradeLeavesItsClearingAccountAtZero() {
        List<Posting> clearing = Stream.of(buyerSettles(), sellerSettles(), feeCollected())
                .flatMap(event -> LedgerPostings.of(event).stream())
                .filter(posting -> posting.account().equals("clearing:" + TRADE.value()))
                .toList();

        assertThat(sumsByAsset(clearing)).containsOnlyKeys("BTC", "USDT")
                .allSatisfy((asset, sum) -> assertThat(sum).as(asset).isEqualByComparingTo("0"));
    }

    @Test
    void aTradeWithoutItsFeeLeavesTheFeeInClearing() {
        List<Posting> clearing = Stream.of(buyerSettles(), sellerSettles())
                .flatMap(event -> LedgerPostings.of(event).stream())
                .filter(posting -> posting.account().startsWith(LedgerPostings.CLEARING_PREFIX))
                .toList();

        assertThat(sumsByAsset(clearing).get("USDT")).isEqualByComparingTo("0.10");
    }

    @Test
    void eventsThatMoveNoMoneyHaveNoPostings() {
        assertThat(LedgerPostings.of(new HoldVoidedEvent(ALICE, OrderId.of("o-2")))).isEmpty();
        assertThat(LedgerPostings.of("not an event")).isEmpty();
    }

    /** Alice buys 0.01 BTC at 5000: pays 50.00 + 0.05 fee from her hold. */
    private static TradeSettledOnAccountEvent buyerSettles() {
        return new TradeSettledOnAccountEvent(ALICE, TRADE, OrderId.of("o-1"), USDT, usd("50.05"), usd("450.45"),
                BTC, new BigDecimal("0.01000000"), new BigDecimal("0.01000000"), usd("0.05"));
    }

    /** Bob sells 0.01 BTC from his hold and gets 50.00 - 0.05 fee. */
    private static TradeSettledOnAccountEvent sellerSettles() {
        return new TradeSettledOnAccountEvent(BOB, TRADE, OrderId.of("o-2"), BTC, new BigDecimal("0.01000000"),
                BigDecimal.ZERO, USDT, usd("49.95"), usd("49.95"), usd("0.05"));
    }

    private static FeeCollectedEvent feeCollected() {
        return new FeeCollectedEvent(FEES, TRADE, USDT, usd("0.10"), usd("0.10"));
    }

    private static Map<String, BigDecimal> sumsByAsset(List<Posting> postings) {
        return postings.stream().collect(Collectors.groupingBy(Posting::asset,
                Collectors.reducing(BigDecimal.ZERO, Posting::amount, BigDecimal::add)));
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }
}
