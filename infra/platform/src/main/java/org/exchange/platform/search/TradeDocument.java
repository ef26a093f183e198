package org.exchange.platform.search;

import org.exchange.api.trade.TradeSettledEvent;

import java.time.Instant;
import java.util.List;

/**
 * A settled trade in the {@link AnalyticsIndex#TRADES} index. Shared by the projection that writes it
 * and the tests of the query side that read it, so both see the same fields.
 *
 * @param fees       buyer fee + seller fee, both in {@code feeAsset}: the exchange's revenue from the trade
 * @param accounts   both parties' pseudonyms, so that one terms aggregation ranks accounts by volume
 * @param executedAt when the trade was settled (its event's time), milliseconds after it matched
 */
public record TradeDocument(
        String tradeId,
        String market,
        long sequence,
        String price,
        long priceUnits,
        String quantity,
        long quantityUnits,
        String quoteQuantity,
        long quoteQuantityUnits,
        String buyerFee,
        long buyerFeeUnits,
        String sellerFee,
        long sellerFeeUnits,
        String fees,
        long feesUnits,
        String feeAsset,
        String takerSide,
        String buyerAccount,
        String sellerAccount,
        List<String> accounts,
        String executedAt) {

    public static TradeDocument of(TradeSettledEvent event, Instant executedAt, Pseudonyms pseudonyms) {
        String buyer = pseudonyms.of(event.buyerAccountId().value());
        String seller = pseudonyms.of(event.sellerAccountId().value());
        var fees = event.buyerFee().add(event.sellerFee());
        return new TradeDocument(
                event.tradeId().value(),
                event.marketId().value(),
                event.sequence(),
                event.price().toPlainString(),
                DecimalUnits.of(event.price()),
                event.quantity().toPlainString(),
                DecimalUnits.of(event.quantity()),
                event.quoteQuantity().toPlainString(),
                DecimalUnits.of(event.quoteQuantity()),
                event.buyerFee().toPlainString(),
                DecimalUnits.of(event.buyerFee()),
                event.sellerFee().toPlainString(),
                DecimalUnits.of(event.sellerFee()),
                fees.toPlainString(),
                DecimalUnits.of(fees),
                event.feeAsset().code(),
                event.takerSide().name(),
                buyer,
                seller,
                buyer.equals(seller) ? List.of(buyer) : List.of(buyer, seller),
                executedAt.toString());
    }
}
