package org.exchange.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.exchange.platform.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Who caused an event, in its metadata, for ever. A command sent while serving an HTTP request
 * carries the caller (from the request's {@link Caller}); Axon's correlation data providers copy
 * these keys from the message being handled to every message it causes: the events of the command,
 * the saga's follow-up commands and their events. Stored events are permanent, so these names are
 * too (docs/api-guide.md, "Audit").
 * <ul>
 *     <li>{@value #ACCOUNT_ID}: the caller's account id (Keycloak {@code sub}, ADR 0007);</li>
 *     <li>{@value #USERNAME}: the caller's login name when the request was made (for people; it can
 *     change later, the account id cannot);</li>
 *     <li>{@value #API_KEY_ID}: the API key that signed the request, absent for a token;</li>
 *     <li>{@value #TRACE_ID} (Axon's key): the correlation id. Every command of one HTTP request gets
 *     the same one, and everything they cause keeps it;</li>
 *     <li>{@value #CAUSATION_ID} (Axon's key, named {@code correlationId} by Axon): the id of the
 *     message that directly caused this one.</li>
 * </ul>
 */
public final class CallerMetadata {

    public static final String ACCOUNT_ID = "callerAccountId";
    public static final String USERNAME = "callerUsername";
    public static final String API_KEY_ID = "callerApiKeyId";
    /** Axon's trace id: the one id shared by everything a request (or a saga's first event) caused. */
    public static final String TRACE_ID = MessageOriginProvider.getDefaultTraceKey();
    /** Axon's "correlation id" is the id of the parent message: a causation id. */
    public static final String CAUSATION_ID = MessageOriginProvider.getDefaultCorrelationKey();

    private static final String REQUEST_TRACE_ATTRIBUTE = CallerMetadata.class.getName() + ".traceId";

    private CallerMetadata() {
    }

    /** Copies the caller's keys from a handled message to every message it causes. */
    public static CorrelationDataProvider correlationDataProvider() {
        return new SimpleCorrelationDataProvider(ACCOUNT_ID, USERNAME, API_KEY_ID);
    }

    /** The metadata naming a caller; without the keys a caller does not have. */
    public static Map<String, String> of(Caller caller) {
        Map<String, String> metadata = new HashMap<>();
        putIfPresent(metadata, ACCOUNT_ID, caller.accountId());
        putIfPresent(metadata, USERNAME, caller.username());
        putIfPresent(metadata, API_KEY_ID, caller.apiKeyId());
        return metadata;
    }

    /**
     * Stamps a command sent while serving a request with the request's caller and trace id. Commands
     * sent inside a unit of work (a saga, an event handler) already carry what their cause carried,
     * and have no request: they pass unchanged.
     */
    public static MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor() {
        return messages -> (BiFunction<Integer, CommandMessage<?>, CommandMessage<?>>) (index, command) -> {
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            if (request == null || command.getMetaData().containsKey(ACCOUNT_ID)) {
                return command;
            }
            Map<String, String> metadata = new HashMap<>();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
                metadata.putAll(of(caller));
            }
            if (!command.getMetaData().containsKey(TRACE_ID)) {
                metadata.put(TRACE_ID, requestTraceId(request));
            }
            return command.andMetaData(metadata);
        };
    }

    private static String requestTraceId(RequestAttributes request) {
        Object traceId = request.getAttribute(REQUEST_TRACE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (traceId == null) {
            traceId = UUID.randomUUID().toString();
            request.setAttribute(REQUEST_TRACE_ATTRIBUTE, traceId, RequestAttributes.SCOPE_REQUEST);
        }
        return traceId.toString();
    }

    private static void putIfPresent(Map<String, String> metadata, String key, String value) {
        if (value != null) {
            metadata.put(key, value);
        }
    }
}
