package org.exchange.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

import java.util.Collection;

/**
 * An authenticated {@link Caller}. The credential is the validated Keycloak token when there was one
 * (a stream that outlives its token needs its expiry), and nothing for a signed request.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Object credential;

    public CallerAuthentication(Caller caller, Collection<? extends GrantedAuthority> authorities) {
        this(caller, authorities, "");
    }

    public CallerAuthentication(Caller caller, Collection<? extends GrantedAuthority> authorities, Object credential) {
        super(authorities);
        this.caller = caller;
        this.credential = credential;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return credential;
    }

    @Override
    public String getName() {
        return caller.username();
    }
}
