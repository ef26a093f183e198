package org.exchange.projection.trade;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.exchange.api.trade.TradeSettledEvent;
import org.exchange.projection.sql.ReadModelWrites;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The {@code trades} table: one row per settled trade, written once. A trade is settled exactly once
 * and its event never changes, so a redelivered event finds the row and changes nothing.
 */
@Component
@ProcessingGroup(TradeProjection.PROCESSING_GROUP)
class TradeProjection {

    static final String PROCESSING_GROUP = "trades";

    private final ReadModelWrites writes;

    TradeProjection(ReadModelWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(TradeSettledEvent event, @Timestamp Instant at) {
        writes.sql("""
                        insert into trades (trade_id, market_id, sequence, price, quantity, quote_quantity,
                                            buyer_order_id, buyer_account_id, seller_order_id, seller_account_id,
                                            taker_side, buyer_fee, seller_fee, fee_asset, executed_at)
                        values (:trade, :market, :sequence, :price, :quantity, :quoteQuantity, :buyerOrder,
                                :buyerAccount, :sellerOrder, :sellerAccount, :takerSide, :buyerFee, :sellerFee,
                                :feeAsset, :at)
                        on conflict (trade_id) do nothing
                        """)
                .param("trade", event.tradeId().value())
                .param("market", event.marketId().value())
                .param("sequence", event.sequence())
                .param("price", event.price())
                .param("quantity", event.quantity())
                .param("quoteQuantity", event.quoteQuantity())
                .param("buyerOrder", event.buyerOrderId().value())
                .param("buyerAccount", event.buyerAccountId().value())
                .param("sellerOrder", event.sellerOrderId().value())
                .param("sellerAccount", event.sellerAccountId().value())
                .param("takerSide", event.takerSide().name())
                .param("buyerFee", event.buyerFee())
                .param("sellerFee", event.sellerFee())
                .param("feeAsset", event.feeAsset().code())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .forRow("trades", event.tradeId().value());
    }
}
