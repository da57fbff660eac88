package io.tfmesh.system.web;

import java.util.Collection;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The logged-in user, as pages need it to show or hide what the role allows. */
public record CurrentUser(String username, String role, boolean operator, boolean admin) {

	static CurrentUser of(Authentication authentication) {
		Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
		boolean admin = has(authorities, "ROLE_ADMIN");
		boolean operator = has(authorities, "ROLE_OPERATOR");
		String role = admin ? "admin" : operator ? "operator" : "viewer";
		return new CurrentUser(authentication.getName(), role, operator, admin);
	}

	private static boolean has(Collection<? extends GrantedAuthority> authorities, String authority) {
		return authorities.stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
	}

}
