package org.exchange.query.audit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ExportFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aCsvRowNeverHandsASpreadsheetAFormula() throws Exception {
        AuditEventView event = new AuditEventView(-5, "e-1", "Order", "o-1", 3, "OrderAccepted", "x.OrderAccepted",
                "1", "2026-11-22T10:00:00Z", "@trace", null,
                new AuditEventView.CallerView("acc-1", "=HYPERLINK(\"http://evil\",\"x\")", "+key"),
                JSON.readTree("{\"price\":\"-1\"}"), JSON.readTree("{}"));
        StringWriter out = new StringWriter();

        ExportFormat.CSV.write(event, out);

        assertThat(out.toString()).isEqualTo("-5,2026-11-22T10:00:00Z,Order,o-1,3,OrderAccepted,1,e-1,'@trace,,acc-1,"
                + "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'+key,\"{\"\"price\"\":\"\"-1\"\"}\",{}\r\n");
    }

    @Test
    void plainCellsAreWrittenAsTheyAre() {
        assertThat(ExportFormat.cell("BTC-USDT")).isEqualTo("BTC-USDT");
        assertThat(ExportFormat.cell(-12L)).isEqualTo("-12");
        assertThat(ExportFormat.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExportFormat.cell("-0.5")).isEqualTo("'-0.5");
        assertThat(ExportFormat.cell(null)).isEmpty();
    }
}
