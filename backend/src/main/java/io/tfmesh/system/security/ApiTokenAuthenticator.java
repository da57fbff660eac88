package io.tfmesh.system.security;

import java.util.Optional;

import org.springframework.security.core.userdetails.UserDetails;

/**
 * Resolves a personal API token ({@code Authorization: Bearer <token>}) to the account it
 * belongs to. The security configuration needs only this; the module that stores tokens
 * implements it.
 */
public interface ApiTokenAuthenticator {

	/**
	 * @param token the token as the client sent it, without the {@code Bearer } prefix
	 * @return the enabled account of a valid, unexpired token, with its authorities; empty for
	 * any other token
	 */
	Optional<UserDetails> authenticate(String token);

}
