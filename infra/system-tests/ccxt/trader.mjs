// A trader's ccxt program against the running exchange: ccxt from npm, only the base URLs and the
// spot options changed (docs/api-guide.md, "Using ccxt"). Run by CcxtSystemIT, one phase at a time:
//
//   node trader.mjs trade   places, cancels and is refused (the answers as ccxt parses them)
//   node trader.mjs read    reads everything back (balances, orders, trades, book, ticker, candles)
//   node trader.mjs watch   watchOrderBook, watchTrades and watchOrders, with an order and a trade to see
//
// Input (environment): EXCHANGE_GATEWAY_URL, CCXT_API_KEY, CCXT_SECRET, CCXT_INPUT (JSON: the prices
// and ids the phase needs). Output: one JSON document on stdout, {"phase", "steps": [{"step", "ok",
// "value" | "error": {"class", "message"}}]}; progress on stderr. Every step is tried and reported on
// its own, so one failing method does not hide the others; the Java test says which step failed.
import ccxt from 'ccxt';
import {readFileSync} from 'node:fs';

// the installed package's version (ccxt.version, compiled into the package, says 4.5.83 in 4.5.84)
const installed = JSON.parse(readFileSync(new URL('./node_modules/ccxt/package.json', import.meta.url), 'utf8')).version;
// ccxt's WebSocket client rejects promises of its own (connection futures) that no caller awaits:
// report them instead of letting Node end the program, the step that awaited the data fails anyway
process.on('unhandledRejection', e => process.stderr.write(`ccxt: unhandled rejection: ${e?.constructor?.name}: ${e?.message}\n`));

const gateway = process.env.EXCHANGE_GATEWAY_URL ?? 'http://127.0.0.1:8000';
const phase = process.argv[2];
const input = JSON.parse(process.env.CCXT_INPUT ?? '{}');
const SYMBOL = 'BTC/USDT';
const WATCH_TIMEOUT_MS = 15000;

/** The exchange as a ccxt user sets it up (the options of docs/api-guide.md, "Using ccxt"). */
async function exchange(apiKey, secret) {
    const ex = new ccxt.pro.binance({
        apiKey,
        secret,
        options: {
            defaultType: 'spot',
            fetchMarkets: {types: ['spot']},
            fetchCurrencies: false,
            fetchMargins: false,
            adjustForTimeDifference: false,
            recvWindow: 5000,
            fetchOpenOrders: {warnWithoutSymbol: false},
            broker: {spot: 'x-PFX'},
        },
    });
    const http = gateway.replace(/\/$/, '');
    const ws = http.replace(/^http/, 'ws');
    ex.urls.api.public = ex.urls.api.private = http + '/api/v3';
    ex.urls.api.v1 = http + '/api/v1';
    ex.urls.api.ws.spot = ws + '/ws';
    ex.urls.api.ws['ws-api'].spot = ws + '/ws-api/v3';
    if (ws.startsWith('ws://')) {
        await ex.loadHttpProxyAgent();
    }
    return ex;
}

const steps = [];

/** Runs one step and records what it gave or how it failed; returns the value (undefined on failure). */
async function step(name, action) {
    process.stderr.write(`ccxt: ${name}\n`);
    try {
        const value = await action();
        // a copy as it is now: ccxt keeps changing the objects it handed out (a watched book)
        steps.push({step: name, ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value))});
        return value;
    } catch (e) {
        process.stderr.write(`ccxt: ${name} failed: ${e.constructor.name}: ${e.message}\n`);
        steps.push({step: name, ok: false, error: {class: e.constructor.name, message: String(e.message), classes: classes(e)}});
        return undefined;
    }
}

/** A refusal the test expects: records ccxt's error class (and its ancestors) or that nothing was thrown. */
async function refusal(name, action) {
    process.stderr.write(`ccxt: ${name} (expects a refusal)\n`);
    try {
        const value = await action();
        steps.push({step: name, ok: false, value, error: {class: 'none', message: 'no error was thrown', classes: []}});
    } catch (e) {
        steps.push({step: name, ok: true, value: {class: e.constructor.name, message: String(e.message), classes: classes(e)}});
    }
}

function classes(error) {
    const names = [];
    for (let type = error.constructor; type && type.name; type = Object.getPrototypeOf(type)) {
        names.push(type.name);
    }
    return names;
}

/** {@code promise}, or a RequestTimeout after WATCH_TIMEOUT_MS. */
function within(label, promise) {
    return Promise.race([promise, new Promise((_, reject) =>
        setTimeout(() => reject(new ccxt.RequestTimeout(`${label}: nothing within ${WATCH_TIMEOUT_MS} ms`)), WATCH_TIMEOUT_MS))]);
}

/** Resolves with the first value {@code watch} gives that {@code accept} takes, or fails after the timeout. */
async function watchUntil(label, watch, accept) {
    const deadline = Date.now() + WATCH_TIMEOUT_MS;
    while (Date.now() < deadline) {
        const left = deadline - Date.now();
        const value = await Promise.race([watch(), new Promise((_, reject) =>
            setTimeout(() => reject(new ccxt.RequestTimeout(`${label}: nothing within ${WATCH_TIMEOUT_MS} ms`)), left))]);
        if (accept(value)) {
            return value;
        }
    }
    throw new ccxt.RequestTimeout(`${label}: nothing within ${WATCH_TIMEOUT_MS} ms`);
}

async function trade(ex) {
    await step('loadMarkets', async () => {
        const markets = await ex.loadMarkets();
        const m = markets[SYMBOL];
        return {symbols: Object.keys(markets), market: m && {
            id: m.id, symbol: m.symbol, base: m.base, quote: m.quote, spot: m.spot, active: m.active,
            precision: m.precision, limits: m.limits}};
    });
    await step('fetchBalance.before', async () => balances(await ex.fetchBalance()));
    // a limit buy below the maker's asks rests
    await step('createOrder.limit', () => ex.createOrder(SYMBOL, 'limit', 'buy', input.limitAmount, input.limitPrice));
    // a post-only sell above everything rests
    await step('createOrder.postOnly', () => ex.createOrder(SYMBOL, 'limit', 'sell', input.postOnlyAmount,
        input.postOnlyPrice, {postOnly: true}));
    // a post-only buy at the best ask would take: Binance refuses it, ccxt says OrderImmediatelyFillable
    await refusal('createOrder.postOnlyCrossing', () => ex.createOrder(SYMBOL, 'limit', 'buy', input.postOnlyAmount,
        input.bestAsk, {postOnly: true}));
    // a market buy takes the maker's asks: filled at once, with its fills
    await step('createOrder.market', () => ex.createOrder(SYMBOL, 'market', 'buy', input.marketAmount));
    const limit = steps.find(s => s.step === 'createOrder.limit');
    if (limit?.ok) {
        await step('cancelOrder', () => ex.cancelOrder(limit.value.id, SYMBOL));
    }
    // after the own bid is gone, a market sell reaches the maker's bid
    await step('createOrder.marketSell', () => ex.createOrder(SYMBOL, 'market', 'sell', input.marketSellAmount));

    await refusal('createOrder.insufficientFunds', () => ex.createOrder(SYMBOL, 'limit', 'buy', input.tooMuchAmount,
        input.limitPrice));
    await refusal('createOrder.invalidAmount', () => ex.createOrder(SYMBOL, 'limit', 'buy', input.overMaxAmount,
        input.limitPrice));
    await refusal('fetchOrder.unknown', () => ex.fetchOrder(input.unknownOrderId, SYMBOL));
    await refusal('cancelOrder.unknown', () => ex.cancelOrder(input.unknownOrderId, SYMBOL));
    const stranger = await exchange(ex.apiKey, 'not-the-secret-' + ex.secret.slice(0, 8));
    stranger.markets = ex.markets;
    stranger.markets_by_id = ex.markets_by_id;
    await refusal('fetchBalance.wrongSecret', () => stranger.fetchBalance());
    const nobody = await exchange('no-such-key-' + Date.now(), ex.secret);
    nobody.markets = ex.markets;
    nobody.markets_by_id = ex.markets_by_id;
    await refusal('fetchBalance.unknownKey', () => nobody.fetchBalance());
}

async function read(ex) {
    await ex.loadMarkets();
    await step('fetchBalance', async () => balances(await ex.fetchBalance()));
    await step('headers.signed', async () => ex.last_response_headers);
    for (const id of input.orderIds ?? []) {
        await step('fetchOrder.' + id, () => ex.fetchOrder(id, SYMBOL));
    }
    await step('fetchOpenOrders', () => ex.fetchOpenOrders(SYMBOL));
    await step('fetchMyTrades', () => ex.fetchMyTrades(SYMBOL));
    // an order canceled (and closed since) cannot be canceled again
    await refusal('cancelOrder.closed', () => ex.cancelOrder(input.canceledOrderId, SYMBOL));
    await step('fetchOrderBook', () => ex.fetchOrderBook(SYMBOL));
    await step('headers.public', async () => ex.last_response_headers);
    await step('fetchTicker', () => ex.fetchTicker(SYMBOL));
    await step('fetchTrades', () => ex.fetchTrades(SYMBOL, undefined, 1000));
    await step('fetchOHLCV', () => ex.fetchOHLCV(SYMBOL, '1m', undefined, 1000));
}

async function watch(ex) {
    await ex.loadMarkets();
    // the book: the first snapshot, then the book after a new order of ours rests
    const book = await step('watchOrderBook', async () => {
        const first = await watchUntil('watchOrderBook', () => ex.watchOrderBook(SYMBOL), () => true);
        return {nonce: first.nonce, bids: first.bids, asks: first.asks};
    });
    const orders = ex.watchOrders(SYMBOL).catch(e => e);
    const trades = ex.watchTrades(SYMBOL).catch(e => e);
    // give the subscriptions a moment to be confirmed before acting (they are awaited below anyway)
    await Promise.race([orders, trades, new Promise(resolve => setTimeout(resolve, 1000))]);
    const placed = await step('createOrder.watched', () => ex.createOrder(SYMBOL, 'limit', 'buy', input.watchAmount,
        input.watchPrice));
    if (book) {
        await step('watchOrderBook.update', async () => {
            const updated = await watchUntil('watchOrderBook.update', () => ex.watchOrderBook(SYMBOL),
                b => b.bids.some(([price, amount]) => price === input.watchPrice));
            return {nonce: updated.nonce, bids: updated.bids, asks: updated.asks};
        });
    }
    await step('watchOrders', async () => {
        const first = await within('watchOrders', orders);
        if (first instanceof Error) {
            throw first;
        }
        const seen = [...first];
        if (!seen.some(o => placed && o.id === placed.id)) {
            seen.push(...await watchUntil('watchOrders', () => ex.watchOrders(SYMBOL),
                got => got.some(o => placed && o.id === placed.id)));
        }
        return seen;
    });
    // a trade of ours: a market sell into the maker's bid
    const sold = await step('createOrder.watchedTrade', () => ex.createOrder(SYMBOL, 'market', 'sell', input.watchSellAmount));
    await step('watchTrades', async () => {
        const first = await within('watchTrades', trades);
        if (first instanceof Error) {
            throw first;
        }
        const seen = [...first];
        if (!seen.some(t => t.price === input.watchSellPrice)) {
            seen.push(...await watchUntil('watchTrades', () => ex.watchTrades(SYMBOL),
                got => got.some(t => t.price === input.watchSellPrice)));
        }
        return seen;
    });
    if (placed) {
        await step('cancelOrder.watched', () => ex.cancelOrder(placed.id, SYMBOL));
    }
    return sold;
}

/** The balances ccxt reports, per currency (free, used, total), without the raw answer. */
function balances(balance) {
    const result = {};
    for (const [currency, value] of Object.entries(balance)) {
        if (value && typeof value === 'object' && 'free' in value) {
            result[currency] = {free: value.free, used: value.used, total: value.total};
        }
    }
    return result;
}

const phases = {trade, read, watch};
if (!phases[phase]) {
    process.stderr.write(`usage: node trader.mjs trade|read|watch (got ${phase})\n`);
    process.exit(2);
}
const ex = await exchange(process.env.CCXT_API_KEY, process.env.CCXT_SECRET);
try {
    await phases[phase](ex);
} finally {
    await ex.close().catch(() => undefined);
}
// exit only once the report is written: to a pipe, process.exit() right after write() cut it at
// 64 KiB (a long trade history made fetchTrades' step that large)
process.stdout.write(JSON.stringify({phase, ccxt: installed, steps}) + '\n', () => process.exit(0));
