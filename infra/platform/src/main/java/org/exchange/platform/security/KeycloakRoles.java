package org.exchange.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns Keycloak realm roles into Spring authorities ({@code trader} → {@code ROLE_trader}). Reads
 * the flat {@code roles} claim that the realm's mapper adds, and Keycloak's standard
 * {@code realm_access.roles} as well, so either token layout works.
 */
public final class KeycloakRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Set<String> roles = new LinkedHashSet<>(stringList(jwt.getClaims().get("roles")));
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> realmAccess) {
            roles.addAll(stringList(realmAccess.get("roles")));
        }
        return roles.stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }

    /** The role names behind authorities made by {@link #convert} ({@code ROLE_trader} → {@code trader}). */
    public static Set<String> names(Collection<? extends GrantedAuthority> authorities) {
        Set<String> names = new LinkedHashSet<>();
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                names.add(name.substring("ROLE_".length()));
            }
        }
        return names;
    }

    private static List<String> stringList(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
