package org.exchange.command.trade;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.exchange.api.account.AccountId;
import org.exchange.api.common.Asset;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.TradeExecutedEvent;
import org.exchange.api.order.Liquidity;
import org.exchange.api.order.OrderId;
import org.exchange.api.trade.SettleTradeCommand;
import org.exchange.api.trade.TradeId;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.command.account.Account;
import org.exchange.command.account.AssetCatalog;
import org.exchange.command.order.Order;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Settles an executed trade in one unit of work, hence one database transaction (ADR 0008): the
 * {@link Trade} is created, the buyer pays {@code quoteQuantity + buyerFee} from its order's hold and
 * gets {@code quantity}, the seller pays {@code quantity} from its hold and gets
 * {@code quoteQuantity − sellerFee}, the market's fee account {@code fees:<market>} gets both fees
 * (nothing when they are zero), and both orders record their fill. Either all of it commits or none.
 * A trade already settled changes nothing and answers {@code false}; a failure (a hold too small, an
 * unknown order) rolls everything back and propagates, so the caller retries.
 */
@Component
public class TradeSettlementHandler {

    private final Repository<Trade> trades;
    private final Repository<Account> accounts;
    private final Repository<Order> orders;
    private final AssetCatalog assets;
    private final EventStore eventStore;

    TradeSettlementHandler(@Qualifier("tradeRepository") Repository<Trade> trades,
                           @Qualifier("accountRepository") Repository<Account> accounts,
                           @Qualifier("orderRepository") Repository<Order> orders, AssetCatalog assets,
                           EventStore eventStore) {
        this.eventStore = eventStore;
        this.trades = trades;
        this.accounts = accounts;
        this.orders = orders;
        this.assets = assets;
    }

    /** The account a market's fees are collected on. */
    public static AccountId feeAccountOf(MarketId market) {
        return AccountId.of("fees:" + market.value());
    }

    /**
     * @return true when this call settled the trade, false when it had been settled before
     * @throws Exception what Axon's repositories declare when creating an aggregate; it rolls everything back
     */
    @CommandHandler
    public boolean handle(SettleTradeCommand command) throws Exception {
        TradeExecutedEvent trade = command.trade();
        feesInQuote(trade);
        if (alreadySettled(trade.tradeId())) {
            return false;
        }
        AccountId feeAccount = feeAccountOf(trade.marketId());
        trades.newInstance(() -> new Trade(settled(trade, feeAccount)));
        postToTraders(trade);
        collectFees(trade, feeAccount);
        lockInIdOrder(orders, trade.makerOrderId().value(), trade.takerOrderId().value());
        recordFill(trade.makerOrderId(), trade, Liquidity.MAKER, trade.makerFee());
        recordFill(trade.takerOrderId(), trade, Liquidity.TAKER, trade.takerFee());
        return true;
    }

    /** A settled trade is a stored Trade aggregate; asking the event store avoids a failed load (and its WARN). */
    private boolean alreadySettled(TradeId tradeId) {
        return eventStore.lastSequenceNumberFor(tradeId.value()).isPresent();
    }

    private void postToTraders(TradeExecutedEvent trade) {
        Asset base = trade.marketId().base();
        Asset quote = trade.marketId().quote();
        // balances carry their asset's scale; market rules make these amounts exact at it (MarketSpec)
        BigDecimal buyerPays = inScaleOf(quote, trade.quoteQuantity().add(trade.buyerFee()));
        BigDecimal sellerGets = inScaleOf(quote, trade.quoteQuantity().subtract(trade.sellerFee()));
        BigDecimal quantity = inScaleOf(base, trade.quantity());
        lockInIdOrder(accounts, trade.buyerAccountId().value(), trade.sellerAccountId().value());
        accounts.load(trade.buyerAccountId().value()).execute(buyer -> buyer.settleTrade(trade.tradeId(),
                trade.buyerOrderId(), quote, buyerPays, base, quantity, trade.buyerFee()));
        accounts.load(trade.sellerAccountId().value()).execute(seller -> seller.settleTrade(trade.tradeId(),
                trade.sellerOrderId(), base, quantity, quote, sellerGets, trade.sellerFee()));
    }

    /** Exact: throws (rolling the settlement back) rather than round money. */
    private BigDecimal inScaleOf(Asset asset, BigDecimal amount) {
        return amount.setScale(assets.scaleOf(asset.code()));
    }

    private void collectFees(TradeExecutedEvent trade, AccountId feeAccount) throws Exception {
        BigDecimal fees = inScaleOf(trade.feeAsset(), trade.buyerFee().add(trade.sellerFee()));
        if (fees.signum() == 0) {
            return;
        }
        accounts.loadOrCreate(feeAccount.value(), Account::unopened)
                .execute(account -> account.collectFee(feeAccount, trade.tradeId(), trade.feeAsset(), fees));
    }

    /**
     * Takes the locks of two aggregates in one global order before either is changed. Settlements of
     * different markets run in parallel and may share traders: locking buyer then seller let two of
     * them wait for each other (Axon's DeadlockException, then a retry a second later). Loading an
     * aggregate locks it until the unit of work ends; loading it again is free.
     */
    private static void lockInIdOrder(Repository<?> repository, String first, String second) {
        boolean inOrder = first.compareTo(second) <= 0;
        repository.load(inOrder ? first : second);
        repository.load(inOrder ? second : first);
    }

    private void recordFill(OrderId orderId, TradeExecutedEvent trade, Liquidity liquidity, BigDecimal fee) {
        Order.Fill fill = new Order.Fill(trade.tradeId(), liquidity, trade.price(), trade.quantity(),
                trade.quoteQuantity(), fee, trade.feeAsset());
        orders.load(orderId.value()).execute(order -> order.recordFill(fill));
    }

    /** The postings above take the fee out of the quote side; any other fee asset is a bug upstream. */
    private static void feesInQuote(TradeExecutedEvent trade) {
        if (!trade.feeAsset().equals(trade.marketId().quote())) {
            throw new IllegalStateException("trade " + trade.tradeId() + " charges fees in " + trade.feeAsset()
                    + ", not in the quote asset " + trade.marketId().quote());
        }
    }

    private static TradeSettledEvent settled(TradeExecutedEvent trade, AccountId feeAccount) {
        return new TradeSettledEvent(trade.tradeId(), trade.marketId(), trade.sequence(), trade.price(),
                trade.quantity(), trade.quoteQuantity(), trade.buyerOrderId(), trade.buyerAccountId(),
                trade.sellerOrderId(), trade.sellerAccountId(), trade.takerSide(), trade.buyerFee(),
                trade.sellerFee(), trade.feeAsset(), feeAccount);
    }
}
