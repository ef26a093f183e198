package org.exchange.command.identity;

import java.util.Optional;

/** Who exists: the identity provider is the source of truth for users and their immutable ids. */
public interface IdentityDirectory {

    Optional<User> findByUsername(String username);

    /** @param id the provider's immutable user id (the token's {@code sub}) */
    record User(String id, String username, boolean enabled) {
    }
}
