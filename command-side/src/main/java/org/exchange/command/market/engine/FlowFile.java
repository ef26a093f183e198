package org.exchange.command.market.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An order-flow file (CSV, format v1, see {@code flow-format.md}) parsed into primitive columns, so
 * that replaying it into a book costs nothing but the book's own work: parsing reads the bytes in
 * place without creating a string per line, and {@link #replay} only reads arrays.
 *
 * <p>Flow files carry no self-trade prevention mode; orders use the default
 * {@link SelfTradePrevention#EXPIRE_TAKER}. A malformed file is a programming or tooling error, not a
 * business outcome, so it fails with {@link IllegalArgumentException} naming the line.
 */
public final class FlowFile {

    private static final String VERSION_LINE = "# exchange order flow v1";
    private static final byte[] COLUMNS = ascii("seq,action,order_id,account,side,type,price,quantity");
    private static final byte[] PLACE = ascii("PLACE");
    private static final byte[] CANCEL = ascii("CANCEL");
    private static final byte[] BUY = ascii("BUY");
    private static final byte[] SELL = ascii("SELL");
    private static final byte[] GTC = ascii("GTC");
    private static final byte[] IOC = ascii("IOC");
    private static final byte[] FOK = ascii("FOK");
    private static final byte[] MARKET = ascii("MARKET");

    private final String market;
    private final String tickSize;
    private final String lotSize;
    private final OrderCommands commands;

    private FlowFile(String market, String tickSize, String lotSize, OrderCommands commands) {
        this.market = market;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.commands = commands.trimmed();
    }

    public static FlowFile read(Path path) throws IOException {
        return parse(Files.readAllBytes(path));
    }

    public static FlowFile parse(byte[] content) {
        OrderCommands commands = new OrderCommands(1024);
        int[] fieldBounds = new int[16];
        String[] header = null;
        int lineNumber = 0;
        int lineStart = 0;
        while (lineStart < content.length) {
            int lineEnd = lineStart;
            while (lineEnd < content.length && content[lineEnd] != '\n') {
                lineEnd++;
            }
            int nextLine = lineEnd + 1;
            if (lineEnd > lineStart && content[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            lineNumber++;
            boolean blank = lineEnd == lineStart;
            if (!blank && content[lineStart] == '#') {
                if (header == null) {
                    header = parseHeader(new String(content, lineStart, lineEnd - lineStart, StandardCharsets.US_ASCII),
                            lineNumber);
                }
            } else if (!blank && !equalsAscii(content, lineStart, lineEnd, COLUMNS)) {
                if (header == null) {
                    throw new IllegalArgumentException("line " + lineNumber + ": command before the '"
                            + VERSION_LINE + "' header");
                }
                parseCommand(content, lineStart, lineEnd, lineNumber, fieldBounds, commands);
            }
            lineStart = nextLine;
        }
        if (header == null) {
            throw new IllegalArgumentException("no '" + VERSION_LINE + "' header");
        }
        return new FlowFile(header[0], header[1], header[2], commands);
    }

    /** Feeds every command to the book in file order and returns how many were fed. */
    public int replay(OrderBook book) {
        return commands.replay(book);
    }

    /** Feeds the command at {@code index} (0-based, file order) to the book. */
    public void replayCommand(OrderBook book, int index) {
        commands.replayCommand(book, index);
    }

    public int commandCount() {
        return commands.size();
    }

    public String market() {
        return market;
    }

    /** The tick size as written in the header, e.g. {@code 0.01}. */
    public String tickSize() {
        return tickSize;
    }

    /** The lot size as written in the header, e.g. {@code 0.00001}. */
    public String lotSize() {
        return lotSize;
    }

    /** Returns market, tick and lot from {@code # exchange order flow v1 market=… tick=… lot=…}. */
    private static String[] parseHeader(String line, int lineNumber) {
        if (!line.startsWith(VERSION_LINE + " ")) {
            throw new IllegalArgumentException("line " + lineNumber + ": expected '" + VERSION_LINE
                    + " market=… tick=… lot=…' but was '" + line + "'");
        }
        String[] header = new String[3];
        for (String pair : line.substring(VERSION_LINE.length()).trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            switch (key) {
                case "market" -> header[0] = value;
                case "tick" -> header[1] = value;
                case "lot" -> header[2] = value;
                default -> {
                    // later versions may add keys; v1 readers ignore them
                }
            }
        }
        for (String value : header) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("line " + lineNumber + ": header needs market=, tick= and lot=");
            }
        }
        return header;
    }

    private static void parseCommand(byte[] line, int start, int end, int lineNumber, int[] bounds,
                                     OrderCommands commands) {
        int fields = splitFields(line, start, end, bounds);
        if (fields != 8) {
            throw new IllegalArgumentException("line " + lineNumber + ": expected 8 fields but found " + fields);
        }
        long seq = parseLong(line, bounds[0], bounds[1], lineNumber, "seq");
        if (seq != commands.size() + 1) {
            throw new IllegalArgumentException("line " + lineNumber + ": seq " + seq + " should be " + (commands.size() + 1));
        }
        long orderId = parseLong(line, bounds[4], bounds[5], lineNumber, "order_id");
        long accountId = parseLong(line, bounds[6], bounds[7], lineNumber, "account");
        if (equalsAscii(line, bounds[2], bounds[3], CANCEL)) {
            commands.addCancel(orderId, accountId);
        } else if (equalsAscii(line, bounds[2], bounds[3], PLACE)) {
            Side side = parseSide(line, bounds[8], bounds[9], lineNumber);
            OrderType type = parseType(line, bounds[10], bounds[11], lineNumber);
            long price = bounds[12] == bounds[13] ? 0 : parseLong(line, bounds[12], bounds[13], lineNumber, "price");
            long quantity = parseLong(line, bounds[14], bounds[15], lineNumber, "quantity");
            commands.addPlace(orderId, accountId, side, type, price, quantity);
        } else {
            throw new IllegalArgumentException("line " + lineNumber + ": action must be PLACE or CANCEL");
        }
    }

    /** Writes start/end offsets of up to 8 comma-separated fields into {@code bounds}; returns the field count. */
    private static int splitFields(byte[] line, int start, int end, int[] bounds) {
        int fields = 0;
        int fieldStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || line[i] == ',') {
                if (fields < 8) {
                    bounds[fields * 2] = fieldStart;
                    bounds[fields * 2 + 1] = i;
                }
                fields++;
                fieldStart = i + 1;
            }
        }
        return fields;
    }

    private static Side parseSide(byte[] line, int start, int end, int lineNumber) {
        if (equalsAscii(line, start, end, BUY)) {
            return Side.BUY;
        }
        if (equalsAscii(line, start, end, SELL)) {
            return Side.SELL;
        }
        throw new IllegalArgumentException("line " + lineNumber + ": side must be BUY or SELL");
    }

    private static OrderType parseType(byte[] line, int start, int end, int lineNumber) {
        if (equalsAscii(line, start, end, GTC)) {
            return OrderType.LIMIT_GTC;
        }
        if (equalsAscii(line, start, end, IOC)) {
            return OrderType.LIMIT_IOC;
        }
        if (equalsAscii(line, start, end, FOK)) {
            return OrderType.LIMIT_FOK;
        }
        if (equalsAscii(line, start, end, MARKET)) {
            return OrderType.MARKET;
        }
        throw new IllegalArgumentException("line " + lineNumber + ": type must be GTC, IOC, FOK or MARKET");
    }

    private static long parseLong(byte[] line, int start, int end, int lineNumber, String field) {
        boolean negative = start < end && line[start] == '-';
        int i = negative ? start + 1 : start;
        if (i == end || end - i > 18) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + field + " must be an integer");
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("line " + lineNumber + ": " + field + " must be an integer");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static boolean equalsAscii(byte[] line, int start, int end, byte[] expected) {
        return Arrays.equals(line, start, end, expected, 0, expected.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
