package org.exchange.projection.replay;

import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.platform.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Auditors rebuild read models from the events while the live ones keep serving
 * (docs/api-guide.md, "Audit: replays"). Auditor role only.
 */
@RestController
@RequestMapping(ReplayController.PATH)
@PreAuthorize("hasRole('auditor')")
class ReplayController {

    static final String PATH = "/api/v1/audit/replays";

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    record StartRequest(String projection) {
    }

    record ProjectionsView(List<Replays.Projection> projections) {
    }

    record ReplaysView(List<Replays.View> replays) {
    }

    @GetMapping("/projections")
    ProjectionsView projections() {
        return new ProjectionsView(replays.projections());
    }

    /** The 20 most recent replays, newest first. */
    @GetMapping
    ReplaysView recent() {
        return new ReplaysView(replays.recent(20));
    }

    /** Starts a replay: 202 with its view and its address; 409 REPLAY_IN_PROGRESS while another runs. */
    @PostMapping
    ResponseEntity<Replays.View> start(@RequestBody StartRequest request, @AuthenticationPrincipal Caller caller) {
        Replays.View started = replays.start(request.projection(), caller.username() == null
                ? caller.accountId() : caller.username());
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(PATH + "/" + started.id())).body(started);
    }

    @GetMapping("/{replayId}")
    Replays.View replay(@PathVariable("replayId") String id) {
        return replays.view(idOf(id));
    }

    /** Stops a running replay; what it built stays, and {@code resume} continues from there. */
    @PostMapping("/{replayId}/stop")
    Replays.View stop(@PathVariable("replayId") String id) {
        return replays.stop(idOf(id));
    }

    @PostMapping("/{replayId}/resume")
    Replays.View resume(@PathVariable("replayId") String id) {
        return replays.resume(idOf(id));
    }

    /** An id that is not a UUID names no replay. */
    private static UUID idOf(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw new ExchangeException(ErrorCode.REPLAY_NOT_FOUND, "no replay " + id);
        }
    }
}
