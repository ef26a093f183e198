package org.exchange.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.exchange.api.account.AccountId;
import org.exchange.api.account.DepositId;
import org.exchange.api.account.FeeCollectedEvent;
import org.exchange.api.account.FundsDepositedEvent;
import org.exchange.api.account.FundsReleasedEvent;
import org.exchange.api.account.FundsReservedEvent;
import org.exchange.api.account.TradeSettledOnAccountEvent;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderAcceptedEvent;
import org.exchange.api.order.OrderClosedEvent;
import org.exchange.api.order.OrderFillRecordedEvent;
import org.exchange.api.order.OrderId;
import org.exchange.api.order.OrderPlacedEvent;
import org.exchange.api.order.OrderSide;
import org.exchange.api.order.OrderStatus;
import org.exchange.api.order.OrderTerms;
import org.exchange.api.order.OrderType;
import org.exchange.api.order.SelfTradeMode;
import org.exchange.api.order.TimeInForce;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded session on one market: traders deposit, place a buy and a sell order, reserve, trade,
 * settle (both sides, fee), record fills, close and release — with every aggregate's sequence
 * numbers as the command side would write them.
 */
final class TradingSession {

    private static final MarketId MARKET = MarketId.of("BTC-USDT");
    private static final Asset BTC = Asset.of("BTC");
    private static final Asset USDT = Asset.of("USDT");

    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private final AccountId fees = AccountId.of("fees:" + UUID.randomUUID().toString().substring(0, 8));
    private Instant clock = Instant.parse("2026-11-21T09:58:00Z");
    private long trades;

    TradingSession(Random random) {
        this.random = random;
    }

    List<DomainEventMessage<?>> events(int rounds) {
        emit("Market", MARKET.value(), new MarketOpenedEvent(MARKET, new MarketSpec(BTC, USDT,
                new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                new BigDecimal("1000"), new BigDecimal("1"), new BigDecimal("0.001"), new BigDecimal("0.001"))));
        List<AccountId> traders = List.of(account(), account(), account(), account());
        Map<AccountId, BigDecimal> usdt = new HashMap<>();
        Map<AccountId, BigDecimal> btc = new HashMap<>();
        for (AccountId trader : traders) {
            usdt.put(trader, new BigDecimal("100000.00000000"));
            btc.put(trader, new BigDecimal("10.00000000"));
            emit("Account", trader.value(), new FundsDepositedEvent(trader, DepositId.random(), USDT,
                    usdt.get(trader), usdt.get(trader)));
            emit("Account", trader.value(), new FundsDepositedEvent(trader, DepositId.random(), BTC,
                    btc.get(trader), btc.get(trader)));
        }
        for (int round = 0; round < rounds; round++) {
            AccountId buyer = traders.get(random.nextInt(traders.size()));
            AccountId seller = traders.get((traders.indexOf(buyer) + 1 + random.nextInt(traders.size() - 1))
                    % traders.size());
            BigDecimal price = new BigDecimal(20_000 + random.nextInt(2_000)).setScale(2);
            BigDecimal quantity = new BigDecimal(1 + random.nextInt(50)).movePointLeft(3).setScale(8);
            BigDecimal quote = price.multiply(quantity).setScale(8);
            BigDecimal fee = quote.multiply(new BigDecimal("0.001")).setScale(8, java.math.RoundingMode.DOWN);
            BigDecimal hold = quote.add(fee).add(BigDecimal.ONE).setScale(8);
            trade(buyer, seller, price, quantity, quote, fee, hold, usdt, btc);
        }
        return events;
    }

    private void trade(AccountId buyer, AccountId seller, BigDecimal price, BigDecimal quantity, BigDecimal quote,
                       BigDecimal fee, BigDecimal hold, Map<AccountId, BigDecimal> usdt,
                       Map<AccountId, BigDecimal> btc) {
        OrderId buy = OrderId.random();
        OrderId sell = OrderId.random();
        place(buy, buyer, OrderSide.BUY, price, quantity, USDT, hold);
        place(sell, seller, OrderSide.SELL, price, quantity, BTC, quantity);
        usdt.put(buyer, usdt.get(buyer).subtract(hold));
        emit("Account", buyer.value(), new FundsReservedEvent(buyer, buy, USDT, hold, usdt.get(buyer), hold));
        btc.put(seller, btc.get(seller).subtract(quantity));
        emit("Account", seller.value(), new FundsReservedEvent(seller, sell, BTC, quantity, btc.get(seller),
                quantity));
        emit("Order", buy.value(), new OrderAcceptedEvent(buy, buyer, MARKET));
        emit("Order", sell.value(), new OrderAcceptedEvent(sell, seller, MARKET));
        TradeId tradeId = TradeId.of(MARKET, ++trades);
        emit("Market", MARKET.value(), new TradeExecutedEvent(tradeId, MARKET, trades, price, quantity, quote,
                sell, seller, buy, buyer, OrderSide.BUY, fee, fee, USDT));
        emit("Trade", tradeId.value(), new TradeSettledEvent(tradeId, MARKET, trades, price, quantity, quote, buy,
                buyer, sell, seller, OrderSide.BUY, fee, fee, USDT, fees));
        BigDecimal buyerPays = quote.add(fee);
        btc.put(buyer, btc.get(buyer).add(quantity));
        emit("Account", buyer.value(), new TradeSettledOnAccountEvent(buyer, tradeId, buy, USDT, buyerPays,
                hold.subtract(buyerPays), BTC, quantity, btc.get(buyer), fee));
        usdt.put(seller, usdt.get(seller).add(quote.subtract(fee)));
        emit("Account", seller.value(), new TradeSettledOnAccountEvent(seller, tradeId, sell, BTC, quantity,
                BigDecimal.ZERO.setScale(8), USDT, quote.subtract(fee), usdt.get(seller), fee));
        emit("Account", fees.value(), new FeeCollectedEvent(fees, tradeId, USDT, fee.add(fee),
                fee.add(fee).multiply(BigDecimal.valueOf(trades))));
        fill(buy, buyer, tradeId, Liquidity.TAKER, price, quantity, quote, fee);
        fill(sell, seller, tradeId, Liquidity.MAKER, price, quantity, quote, fee);
        usdt.put(buyer, usdt.get(buyer).add(hold.subtract(buyerPays)));
        emit("Account", buyer.value(), new FundsReleasedEvent(buyer, buy, USDT, hold.subtract(buyerPays),
                usdt.get(buyer), BigDecimal.ZERO.setScale(8)));
    }

    private void place(OrderId order, AccountId trader, OrderSide side, BigDecimal price, BigDecimal quantity,
                       Asset holdAsset, BigDecimal hold) {
        OrderTerms terms = new OrderTerms(MARKET, side, OrderType.LIMIT, TimeInForce.GTC, price, quantity, null,
                null, SelfTradeMode.EXPIRE_TAKER);
        emit("Order", order.value(), new OrderPlacedEvent(order, trader, null, terms, holdAsset, hold, clock));
    }

    private void fill(OrderId order, AccountId trader, TradeId tradeId, Liquidity liquidity, BigDecimal price,
                      BigDecimal quantity, BigDecimal quote, BigDecimal fee) {
        emit("Order", order.value(), new OrderFillRecordedEvent(order, trader, MARKET, tradeId, liquidity, price,
                quantity, quote, fee, USDT, quantity, quote, fee));
        emit("Order", order.value(), new OrderClosedEvent(order, trader, MARKET, OrderStatus.FILLED, null,
                quantity, quote, price, fee));
    }

    private AccountId account() {
        return AccountId.of(UUID.randomUUID().toString());
    }

    /**
     * The next event of that aggregate, stamped up to 5 s after the previous event of the session
     * or up to 2 s before it: stored events' timestamps are taken before their transactions commit,
     * so the topic's order and its timestamps disagree now and then. A catch-up must not care.
     */
    private void emit(String type, String id, Object payload) {
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        clock = clock.plusMillis(random.nextInt(7_000) - 2_000);
        events.add(EventTopic.event(type, id, sequence, payload, clock));
    }
}
