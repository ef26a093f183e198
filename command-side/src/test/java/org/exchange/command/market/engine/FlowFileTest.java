package org.exchange.command.market.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FlowFileTest {

    @Test
    void sampleFlowReplaysIdenticallyThroughEngineAndReference() throws IOException {
        FlowFile flow = FlowFile.parse(resource("/flows/sample-flow.csv"));
        EventRecorder engineEvents = new EventRecorder();
        EventRecorder referenceEvents = new EventRecorder();
        OrderBook engine = new LimitOrderBook(engineEvents);
        OrderBook reference = new ReferenceOrderBook(referenceEvents);

        for (int i = 0; i < flow.commandCount(); i++) {
            flow.replayCommand(engine, i);
            flow.replayCommand(reference, i);
            assertThat(engineEvents.drain()).as("events of command %d", i + 1).isEqualTo(referenceEvents.drain());
        }

        assertThat(flow.commandCount()).isEqualTo(1_000);
        assertThat(flow.market()).isEqualTo("BTC-USDT");
        assertThat(flow.tickSize()).isEqualTo("0.01");
        assertThat(flow.lotSize()).isEqualTo("0.00001");
        assertThat(engine.stateHash()).isEqualTo(reference.stateHash());
        assertThat(engine.restingOrderCount()).isEqualTo(reference.restingOrderCount()).isPositive();
    }

    @Test
    void replayFeedsEveryCommandInFileOrder() {
        FlowFile flow = FlowFile.parse(ascii("""
                # exchange order flow v1 market=BTC-USDT tick=0.01 lot=0.00001
                seq,action,order_id,account,side,type,price,quantity
                1,PLACE,1,17,BUY,GTC,5000023,500
                2,PLACE,2,4,SELL,IOC,5000020,300
                3,CANCEL,1,17,,,,
                4,PLACE,3,9,BUY,MARKET,,250
                5,PLACE,4,9,SELL,FOK,5000000,10
                """));
        EventRecorder events = new EventRecorder();

        int replayed = flow.replay(new LimitOrderBook(events));

        assertThat(replayed).isEqualTo(5);
        assertThat(events.drain()).containsExactly(
                new BookEvent.Accepted(1),
                new BookEvent.Rested(1, 5_000_023, 500),
                new BookEvent.Accepted(2),
                new BookEvent.Trade(1, 2, 17, 4, 5_000_023, 300, Side.SELL),
                new BookEvent.Filled(2),
                new BookEvent.Canceled(1, 200),
                new BookEvent.Accepted(3),
                new BookEvent.Expired(3, 250, 0, ExpiryReason.NO_LIQUIDITY),
                new BookEvent.Accepted(4),
                new BookEvent.Expired(4, 10, 0, ExpiryReason.NOT_FULLY_FILLABLE));
    }

    @Test
    void acceptsWindowsLineEndsAndBlankLines() {
        FlowFile flow = FlowFile.parse(ascii(
                "# exchange order flow v1 market=X-Y tick=1 lot=1\r\n\r\n1,PLACE,1,1,BUY,GTC,10,1\r\n"));

        assertThat(flow.commandCount()).isEqualTo(1);
    }

    @Test
    void rejectsFileWithoutVersionHeader() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FlowFile.parse(ascii("1,PLACE,1,17,BUY,GTC,5000023,500\n")))
                .withMessageContaining("line 1");
    }

    @Test
    void rejectsUnknownOrderTypeNamingTheLine() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FlowFile.parse(ascii("""
                        # exchange order flow v1 market=BTC-USDT tick=0.01 lot=0.00001
                        1,PLACE,1,17,BUY,STOP,5000023,500
                        """)))
                .withMessageContaining("line 2").withMessageContaining("type");
    }

    @Test
    void rejectsOutOfSequenceCommand() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FlowFile.parse(ascii("""
                        # exchange order flow v1 market=BTC-USDT tick=0.01 lot=0.00001
                        2,PLACE,1,17,BUY,GTC,5000023,500
                        """)))
                .withMessageContaining("seq");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FlowFileTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
